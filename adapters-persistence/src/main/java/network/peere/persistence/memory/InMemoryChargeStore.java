package network.peere.persistence.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeFilter;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.ChargeStore;
import network.peere.core.ports.out.MoneyTotal;

/** Charges in a map, behaving as the {@code charges} table does (its contract tests say how). */
final class InMemoryChargeStore implements ChargeStore {
    /** Newest first, then id descending: the SQL order, whose binary collation compares ids as Java does. */
    private static final Comparator<Charge> NEWEST_FIRST =
            Comparator.comparing(Charge::createdAt).thenComparing(Charge::id).reversed();

    private static final Comparator<Charge> EARLIEST_DUE =
            Comparator.comparing(Charge::dueAt).thenComparing(Charge::id);

    private static final Comparator<Charge> OLDEST_FIRST =
            Comparator.comparing(Charge::createdAt).thenComparing(Charge::id);

    private final InMemoryTransactor transactor;

    /** Keyed by id alone, as the table's primary key is. Guarded by the transactor. */
    private final Map<String, Charge> rows = new HashMap<>();

    /** Resolves the merchants a list covers. */
    private final MerchantScopes merchantScopes;

    InMemoryChargeStore(InMemoryTransactor transactor, MerchantScopes merchantScopes) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.merchantScopes = Objects.requireNonNull(merchantScopes, "merchantScopes");
    }

    @Override
    public void insert(Charge charge) {
        Charge row = stored(charge);
        transactor.useTransaction(() -> {
            if (rows.containsKey(row.id())) {
                throw new IllegalStateException("duplicate charge id " + row.id());
            }
            rows.put(row.id(), row);
            transactor.onRollback(() -> rows.remove(row.id()));
        });
    }

    @Override
    public void updateLocked(Charge changed) {
        if (!update(changed)) {
            throw new IllegalStateException("charge " + changed.id() + " changed under its row lock");
        }
    }

    @Override
    public boolean update(Charge changed) {
        Charge row = stored(changed);
        return transactor.inTransaction(() -> {
            Charge current = rows.get(row.id());
            boolean stillExpected =
                    current != null && current.mode() == row.mode() && current.version() == row.version() - 1;
            if (!stillExpected) {
                return false;
            }
            Charge next = withChangeableFieldsOf(current, row);
            rows.put(row.id(), next);
            transactor.onRollback(() -> rows.put(row.id(), current));
            return true;
        });
    }

    @Override
    public Optional<Charge> find(Mode mode, String id) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(id)).filter(c -> c.mode() == mode));
    }

    /** The transactor's one lock already serialises every transaction: a read is as good as a row lock. */
    @Override
    public Optional<Charge> lock(Mode mode, String id) {
        return find(mode, id);
    }

    @Override
    public List<Charge> lockAll(Mode mode, java.util.Collection<String> ids) {
        return transactor.inTransaction(() -> ids.stream()
                .distinct()
                .sorted()
                .map(rows::get)
                .filter(c -> c != null && c.mode() == mode)
                .toList());
    }

    @Override
    public boolean addRefunded(Mode mode, String chargeId, long minor) {
        requirePositive(minor);
        return transactor.inTransaction(() -> {
            Charge current = rows.get(chargeId);
            boolean fits = current != null
                    && current.mode() == mode
                    && current.status() == ChargeStatus.CONFIRMED
                    && current.refunded().minor() + minor <= current.amount().minor();
            if (!fits) {
                return false;
            }
            replaceRefunded(current, current.refunded().minor() + minor);
            return true;
        });
    }

    @Override
    public void subtractRefunded(Mode mode, String chargeId, long minor) {
        requirePositive(minor);
        transactor.useTransaction(() -> {
            Charge current = rows.get(chargeId);
            Invariants.check(
                    current != null
                            && current.mode() == mode
                            && current.refunded().minor() >= minor,
                    "a failed refund gives back only what its charge's refunds took");
            replaceRefunded(current, current.refunded().minor() - minor);
        });
    }

    private void replaceRefunded(Charge current, long refundedMinor) {
        Charge next = new Charge(
                current.id(),
                current.mode(),
                current.agreementId(),
                current.merchantId(),
                current.bankId(),
                current.customerId(),
                current.amount(),
                current.description(),
                current.metadata(),
                current.reservations(),
                current.status(),
                current.bankAction(),
                current.declineReason(),
                current.bankTransactionId(),
                current.dueAt(),
                current.createdAt(),
                current.processedAt(),
                current.fee(),
                new Money(refundedMinor, current.amount().currency()),
                current.version());
        rows.put(current.id(), next);
        transactor.onRollback(() -> rows.put(current.id(), current));
    }

    private static void requirePositive(long minor) {
        if (minor <= 0) {
            throw new IllegalArgumentException("a refunded amount is positive");
        }
    }

    @Override
    public List<MoneyTotal> confirmedByMerchant(Mode mode) {
        return transactor.inTransaction(() -> MoneyTotals.sum(
                confirmed(mode),
                c -> c.merchantId().value(),
                c -> c.amount().currency(),
                c -> c.amount().minor(),
                c -> c.fee().minor()));
    }

    @Override
    public List<MoneyTotal> confirmedByBank(Mode mode) {
        return transactor.inTransaction(() -> MoneyTotals.sum(
                confirmed(mode),
                c -> c.bankId().value(),
                c -> c.amount().currency(),
                c -> c.amount().minor(),
                c -> 0));
    }

    private Stream<Charge> confirmed(Mode mode) {
        return rows.values().stream().filter(c -> c.mode() == mode && c.status() == ChargeStatus.CONFIRMED);
    }

    @Override
    public int countHolding(Mode mode, String agreementId) {
        return transactor.inTransaction(() -> (int) rows.values().stream()
                .filter(c -> c.mode() == mode
                        && c.agreementId().equals(agreementId)
                        && c.status().holdsReservation())
                .count());
    }

    @Override
    public Page<Charge> list(Mode mode, ChargeFilter filter, PageRequest page) {
        Predicate<Charge> matches = matches(mode, filter);
        return transactor.inTransaction(() -> {
            List<Charge> all = rows.values().stream()
                    .filter(c -> c.mode() == mode && matches.test(c))
                    .sorted(NEWEST_FIRST)
                    .toList();
            return new Page<>(
                    all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
        });
    }

    private Predicate<Charge> matches(Mode mode, ChargeFilter f) {
        Predicate<ParticipantId> inScope =
                f.merchants().map(m -> merchantScopes.includes(mode, m)).orElse(id -> true);
        return c -> inScope.test(c.merchantId())
                && f.bankId().map(c.bankId()::equals).orElse(true)
                && f.from().map(from -> !c.createdAt().isBefore(from)).orElse(true)
                && f.to().map(to -> c.createdAt().isBefore(to)).orElse(true)
                && (f.statuses().isEmpty() || f.statuses().contains(c.status()))
                && f.customerId().map(c.customerId()::equals).orElse(true)
                && f.amountWithin(c.amount())
                && f.fullyRefunded()
                        .map(full -> full == c.refunded().equals(c.amount()))
                        .orElse(true);
    }

    @Override
    public List<Charge> dueForExpiry(Instant now, int limit) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(c ->
                        c.status() == ChargeStatus.PENDING_BANK && !c.dueAt().isAfter(now))
                .sorted(EARLIEST_DUE)
                .limit(limit)
                .toList());
    }

    @Override
    public List<Charge> awaitingBank(
            Mode mode, ParticipantId bankId, Instant acceptedBefore, long skippedCents, int limit) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(c -> c.mode() == mode
                        && c.bankId().equals(bankId)
                        && c.status() == ChargeStatus.PENDING_BANK
                        && c.createdAt().isBefore(acceptedBefore)
                        && Math.floorMod(c.amount().minor(), 100L) != skippedCents)
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList());
    }

    /** Like the SQL update, which sets only what the bank's answer or the deadline changes; never what is refunded. */
    private static Charge withChangeableFieldsOf(Charge current, Charge changed) {
        return new Charge(
                current.id(),
                current.mode(),
                current.agreementId(),
                current.merchantId(),
                current.bankId(),
                current.customerId(),
                current.amount(),
                current.description(),
                current.metadata(),
                current.reservations(),
                changed.status(),
                changed.bankAction(),
                changed.declineReason(),
                changed.bankTransactionId(),
                current.dueAt(),
                current.createdAt(),
                changed.processedAt(),
                changed.fee(),
                current.refunded(),
                changed.version());
    }

    private static Charge stored(Charge c) {
        requireOnePerKindInOrder(c.reservations());
        return new Charge(
                c.id(),
                c.mode(),
                c.agreementId(),
                c.merchantId(),
                c.bankId(),
                c.customerId(),
                c.amount(),
                c.description(),
                c.metadata(),
                c.reservations().stream()
                        .map(r ->
                                new WindowReservation(r.kind(), Micros.truncate(r.windowStart()), r.cap(), r.amount()))
                        .toList(),
                c.status(),
                c.bankAction(),
                c.declineReason(),
                c.bankTransactionId(),
                Micros.truncate(c.dueAt()),
                Micros.truncate(c.createdAt()),
                c.processedAt().map(Micros::truncate),
                c.fee(),
                c.refunded(),
                c.version());
    }

    /** The table keeps one window per kind, read back in kind order, as {@link WindowReservation#forCharge} makes. */
    private static void requireOnePerKindInOrder(List<WindowReservation> reservations) {
        for (int i = 1; i < reservations.size(); i++) {
            if (reservations.get(i - 1).kind().compareTo(reservations.get(i).kind()) >= 0) {
                throw new IllegalArgumentException("a charge reserves at most one window per kind, in kind order");
            }
        }
    }
}
