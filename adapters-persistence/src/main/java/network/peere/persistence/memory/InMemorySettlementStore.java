package network.peere.persistence.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.MoneyTotal;
import network.peere.core.ports.out.SettlementStore;

/**
 * Settlements in maps, behaving as the {@code settlement_windows}, {@code settlements} and {@code settlement_lines}
 * tables do. The transactor's one lock serialises claims, so a second claim of a window always sees the first.
 */
final class InMemorySettlementStore implements SettlementStore {
    /** Newest window first, then id descending: the SQL order. */
    private static final Comparator<Settlement> NEWEST_WINDOW_FIRST = Comparator.comparing(Settlement::windowStart)
            .thenComparing(Settlement::id)
            .reversed();

    private record Window(Mode mode, ParticipantId merchantId, Currency currency, Instant start) {
        static Window of(Settlement s) {
            return new Window(s.mode(), s.merchantId(), s.currency(), s.windowStart());
        }
    }

    private final InMemoryTransactor transactor;

    /** Which settlement took each window. Guarded by the transactor. */
    private final Map<Window, String> claims = new HashMap<>();

    /** Keyed by id alone, as the table's primary key is. Guarded by the transactor. */
    private final Map<String, Settlement> rows = new HashMap<>();

    /** Resolves the merchants a list covers. */
    private final MerchantScopes merchantScopes;

    InMemorySettlementStore(InMemoryTransactor transactor, MerchantScopes merchantScopes) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.merchantScopes = Objects.requireNonNull(merchantScopes, "merchantScopes");
    }

    @Override
    public boolean claimWindow(
            Mode mode, ParticipantId merchantId, Currency currency, Instant windowStart, String settlementId) {
        Objects.requireNonNull(settlementId, "settlementId");
        var window = new Window(mode, merchantId, currency, Micros.truncate(windowStart));
        return transactor.inTransaction(() -> {
            if (claims.containsKey(window)) {
                return false;
            }
            claims.put(window, settlementId);
            transactor.onRollback(() -> claims.remove(window));
            return true;
        });
    }

    @Override
    public void insert(Settlement settlement) {
        Settlement row = stored(settlement);
        transactor.useTransaction(() -> {
            Invariants.check(
                    row.id().equals(claims.get(Window.of(row))),
                    "a settlement is stored only in the window it claimed");
            if (rows.containsKey(row.id())) {
                throw new IllegalStateException("duplicate settlement id " + row.id());
            }
            rows.put(row.id(), row);
            transactor.onRollback(() -> rows.remove(row.id()));
        });
    }

    @Override
    public boolean update(Settlement changed) {
        Settlement row = stored(changed);
        return transactor.inTransaction(() -> {
            Settlement current = rows.get(row.id());
            boolean stillExpected =
                    current != null && current.mode() == row.mode() && current.version() == row.version() - 1;
            if (!stillExpected) {
                return false;
            }
            Settlement next = withChangeableFieldsOf(current, row);
            rows.put(row.id(), next);
            transactor.onRollback(() -> rows.put(row.id(), current));
            return true;
        });
    }

    @Override
    public Optional<Settlement> find(Mode mode, String id) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(id)).filter(s -> s.mode() == mode));
    }

    @Override
    public Optional<Settlement> latest(Mode mode, ParticipantId merchantId, Currency currency) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(s -> s.mode() == mode
                        && s.merchantId().equals(merchantId)
                        && s.currency().equals(currency))
                .min(NEWEST_WINDOW_FIRST));
    }

    @Override
    public List<MoneyTotal> payoutsByMerchant(Mode mode) {
        return transactor.inTransaction(() -> MoneyTotals.sum(
                rows.values().stream().filter(s -> s.mode() == mode),
                s -> s.merchantId().value(),
                Settlement::currency,
                Settlement::payoutMinor,
                s -> 0));
    }

    @Override
    public Page<Settlement> list(
            Mode mode, MerchantScope merchants, Optional<Instant> from, Optional<Instant> to, PageRequest page) {
        Predicate<ParticipantId> inScope = merchantScopes.includes(mode, merchants);
        return transactor.inTransaction(() -> {
            List<Settlement> all = rows.values().stream()
                    .filter(s -> s.mode() == mode
                            && inScope.test(s.merchantId())
                            && from.map(f -> !s.windowStart().isBefore(f)).orElse(true)
                            && to.map(t -> s.windowStart().isBefore(t)).orElse(true))
                    .sorted(NEWEST_WINDOW_FIRST)
                    .toList();
            return new Page<>(
                    all.stream()
                            .skip(page.offset())
                            .limit(page.limit())
                            .map(s -> s.withLines(List.of()))
                            .toList(),
                    all.size());
        });
    }

    /** Like the SQL update, which sets only the payout status. */
    private static Settlement withChangeableFieldsOf(Settlement current, Settlement changed) {
        return new Settlement(
                current.id(),
                current.mode(),
                current.merchantId(),
                current.currency(),
                current.windowStart(),
                current.windowEnd(),
                current.chargesMinor(),
                current.refundsMinor(),
                current.feesMinor(),
                current.carriedInMinor(),
                current.netMinor(),
                current.payoutMinor(),
                current.carriedOutMinor(),
                current.lines(),
                current.payoutAccount(),
                changed.payoutStatus(),
                current.settledAt(),
                changed.updatedAt(),
                changed.version());
    }

    private static Settlement stored(Settlement s) {
        return new Settlement(
                s.id(),
                s.mode(),
                s.merchantId(),
                s.currency(),
                Micros.truncate(s.windowStart()),
                Micros.truncate(s.windowEnd()),
                s.chargesMinor(),
                s.refundsMinor(),
                s.feesMinor(),
                s.carriedInMinor(),
                s.netMinor(),
                s.payoutMinor(),
                s.carriedOutMinor(),
                s.lines().stream()
                        .map(l -> new SettlementLine(
                                l.journalTransactionId(),
                                l.kind(),
                                l.reference(),
                                l.grossMinor(),
                                l.feeMinor(),
                                l.netMinor(),
                                l.bankId(),
                                Micros.truncate(l.occurredAt())))
                        .toList(),
                s.payoutAccount(),
                s.payoutStatus(),
                Micros.truncate(s.settledAt()),
                Micros.truncate(s.updatedAt()),
                s.version());
    }
}
