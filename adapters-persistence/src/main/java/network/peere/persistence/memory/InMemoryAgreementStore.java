package network.peere.persistence.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementFilter;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.AgreementStore;

/**
 * Agreements in a map, behaving as the {@code agreements} table does (its contract tests say how). The transactor's
 * one lock serialises every transaction, so the {@code lock*} reads need no lock of their own.
 */
final class InMemoryAgreementStore implements AgreementStore {
    /** Newest first, then id descending: the SQL order, whose binary collation compares ids as Java does. */
    private static final Comparator<Agreement> NEWEST_FIRST = Comparator.comparing(Agreement::createdAt)
            .thenComparing(Agreement::id)
            .reversed();

    private static final Comparator<Agreement> EARLIEST_DUE =
            Comparator.comparing(Agreement::dueDate).thenComparing(Agreement::id);

    private static final Comparator<Agreement> OLDEST_FIRST =
            Comparator.comparing(Agreement::createdAt).thenComparing(Agreement::id);

    private final InMemoryTransactor transactor;

    /** Keyed by id alone, as the table's primary key is. Guarded by the transactor. */
    private final Map<String, Agreement> rows = new HashMap<>();

    /** Participants by mode and id, for what a bill reads with its agreement. */
    private final BiFunction<Mode, ParticipantId, Optional<Participant>> participants;

    /** Resolves the merchants a list covers. */
    private final MerchantScopes merchantScopes;

    InMemoryAgreementStore(
            InMemoryTransactor transactor, BiFunction<Mode, ParticipantId, Optional<Participant>> participants) {
        this.participants = Objects.requireNonNull(participants, "participants");
        this.merchantScopes = new MerchantScopes(participants);
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(Agreement agreement) {
        Agreement row = stored(agreement);
        transactor.useTransaction(() -> {
            // Like the primary key and the unique indexes on (mode, agreement_phrase), (mode, bank_id,
            // intent_reference).
            boolean clash = rows.containsKey(row.id())
                    || rows.values().stream()
                            .anyMatch(a -> a.mode() == row.mode()
                                    && (a.agreementPhrase().equals(row.agreementPhrase())
                                            || (a.bankId().equals(row.bankId())
                                                    && a.intentReference().equals(row.intentReference()))));
            if (clash) {
                throw new IllegalStateException("duplicate agreement key for " + row.id());
            }
            rows.put(row.id(), row);
            transactor.onRollback(() -> rows.remove(row.id()));
        });
    }

    @Override
    public void updateLocked(Agreement changed) {
        if (!update(changed)) {
            throw new IllegalStateException("agreement " + changed.id() + " changed under its row lock");
        }
    }

    @Override
    public boolean update(Agreement changed) {
        Agreement row = stored(changed);
        return transactor.inTransaction(() -> {
            Agreement current = rows.get(row.id());
            boolean stillExpected =
                    current != null && current.mode() == row.mode() && current.version() == row.version() - 1;
            if (!stillExpected) {
                return false;
            }
            Agreement next = withChangeableFieldsOf(current, row);
            rows.put(row.id(), next);
            transactor.onRollback(() -> rows.put(row.id(), current));
            return true;
        });
    }

    @Override
    public Optional<Agreement> find(Mode mode, String id) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(id)).filter(a -> a.mode() == mode));
    }

    @Override
    public List<Agreement> findAll(Mode mode, Collection<String> ids) {
        return transactor.inTransaction(() -> ids.stream()
                .distinct()
                .sorted()
                .map(rows::get)
                .filter(a -> a != null && a.mode() == mode)
                .toList());
    }

    @Override
    public Optional<Agreement> lock(Mode mode, String id) {
        return find(mode, id);
    }

    @Override
    public Optional<Agreement> lockByPhrase(Mode mode, String agreementPhrase) {
        return first(a -> a.mode() == mode && a.agreementPhrase().equals(agreementPhrase));
    }

    @Override
    public Optional<ForBilling> lockForBilling(Mode mode, String agreementPhrase) {
        return transactor.inTransaction(() -> lockByPhrase(mode, agreementPhrase)
                .map(agreement -> new ForBilling(
                        agreement,
                        isBlocked(mode, agreement.bankId(), agreement.customerId(), agreement.merchantId()),
                        participants
                                .apply(mode, agreement.bankId())
                                .filter(p -> p.role() == Role.BANK && p.isActive())
                                .map(p -> ((Profile.BankProfile) p.profile()).timeZone()),
                        participants
                                .apply(mode, agreement.merchantId())
                                .map(Participant::version)
                                .orElse(0L))));
    }

    @Override
    public Optional<Agreement> lockByIntentReference(Mode mode, ParticipantId bankId, String intentReference) {
        return first(a -> a.mode() == mode
                && a.bankId().equals(bankId)
                && a.intentReference().equals(intentReference));
    }

    @Override
    public boolean isBlocked(Mode mode, ParticipantId bankId, CustomerId customerId, ParticipantId merchantId) {
        return first(a -> a.mode() == mode
                        && a.bankId().equals(bankId)
                        && a.customerId().equals(customerId)
                        && a.merchantId().equals(merchantId)
                        && a.blockMerchant())
                .isPresent();
    }

    @Override
    public Page<Agreement> listForMerchants(
            Mode mode, MerchantScope merchants, AgreementFilter filter, PageRequest page) {
        Predicate<ParticipantId> inScope = merchantScopes.includes(mode, merchants);
        return page(
                a -> a.mode() == mode
                        && inScope.test(a.merchantId())
                        && filter.agreementPhrase()
                                .map(a.agreementPhrase()::equals)
                                .orElse(true)
                        && filter.customerId().map(a.customerId()::equals).orElse(true)
                        && filter.lookupPhrase().map(a.lookupPhrase()::equals).orElse(true),
                page);
    }

    @Override
    public Page<Agreement> listForCustomer(Mode mode, ParticipantId bankId, CustomerId customerId, PageRequest page) {
        return page(
                a -> a.mode() == mode
                        && a.bankId().equals(bankId)
                        && a.customerId().equals(customerId),
                page);
    }

    @Override
    public List<Agreement> dueForExpiry(Instant now, int limit) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(a ->
                        a.status() == AgreementStatus.PENDING && !a.dueDate().isAfter(now))
                .sorted(EARLIEST_DUE)
                .limit(limit)
                .toList());
    }

    @Override
    public List<Agreement> pastExpiry(Instant now, int limit) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(a -> a.isLapsed(now))
                .sorted(Comparator.comparing((Agreement a) -> a.expiresAt().orElseThrow())
                        .thenComparing(Agreement::id))
                .limit(limit)
                .toList());
    }

    @Override
    public List<Agreement> awaitingBank(Mode mode, ParticipantId bankId, Instant sentBefore, int limit) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(a -> a.mode() == mode
                        && a.bankId().equals(bankId)
                        && a.status() == AgreementStatus.PENDING
                        && a.createdAt().isBefore(sentBefore))
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList());
    }

    private Optional<Agreement> first(Predicate<Agreement> matches) {
        return transactor.inTransaction(
                () -> rows.values().stream().filter(matches).findFirst());
    }

    private Page<Agreement> page(Predicate<Agreement> matches, PageRequest page) {
        return transactor.inTransaction(() -> {
            List<Agreement> all =
                    rows.values().stream().filter(matches).sorted(NEWEST_FIRST).toList();
            return new Page<>(
                    all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
        });
    }

    /** Like the SQL update, which sets only what a decision, a charge or the deadline changes. */
    private static Agreement withChangeableFieldsOf(Agreement current, Agreement changed) {
        return new Agreement(
                current.id(),
                current.mode(),
                current.merchantId(),
                current.bankId(),
                current.customerId(),
                current.lookupPhrase(),
                current.agreementPhrase(),
                current.intentReference(),
                current.type(),
                current.description(),
                current.amount(),
                current.requested(),
                current.metadata(),
                changed.decision(),
                changed.limits(),
                changed.blockMerchant(),
                changed.expiresAt(),
                changed.status(),
                current.dueDate(),
                current.createdAt(),
                changed.decidedAt(),
                changed.lastUsedAt(),
                changed.updatedAt(),
                changed.version());
    }

    private static Agreement stored(Agreement a) {
        return new Agreement(
                a.id(),
                a.mode(),
                a.merchantId(),
                a.bankId(),
                a.customerId(),
                a.lookupPhrase(),
                a.agreementPhrase(),
                a.intentReference(),
                a.type(),
                a.description(),
                a.amount(),
                a.requested(),
                a.metadata(),
                a.decision(),
                a.limits(),
                a.blockMerchant(),
                a.expiresAt().map(Micros::truncate),
                a.status(),
                Micros.truncate(a.dueDate()),
                Micros.truncate(a.createdAt()),
                a.decidedAt().map(Micros::truncate),
                a.lastUsedAt().map(Micros::truncate),
                Micros.truncate(a.updatedAt()),
                a.version());
    }
}
