package network.peere.persistence.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.MoneyTotal;
import network.peere.core.ports.out.RefundStore;

/** Refunds in a map, behaving as the {@code refunds} table does (its contract tests say how). */
final class InMemoryRefundStore implements RefundStore {
    private static final Comparator<Refund> OLDEST_FIRST =
            Comparator.comparing(Refund::createdAt).thenComparing(Refund::id);

    /** Newest first, then id descending: the SQL order. */
    private static final Comparator<Refund> NEWEST_FIRST = OLDEST_FIRST.reversed();

    private final InMemoryTransactor transactor;

    /** Keyed by id alone, as the table's primary key is. Guarded by the transactor. */
    private final Map<String, Refund> rows = new HashMap<>();

    /** Resolves the merchants a list covers. */
    private final MerchantScopes merchantScopes;

    InMemoryRefundStore(InMemoryTransactor transactor, MerchantScopes merchantScopes) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.merchantScopes = Objects.requireNonNull(merchantScopes, "merchantScopes");
    }

    @Override
    public void insert(Refund refund) {
        Refund row = stored(refund);
        transactor.useTransaction(() -> {
            if (rows.containsKey(row.id())) {
                throw new IllegalStateException("duplicate refund id " + row.id());
            }
            rows.put(row.id(), row);
            transactor.onRollback(() -> rows.remove(row.id()));
        });
    }

    @Override
    public boolean update(Refund changed) {
        Refund row = stored(changed);
        return transactor.inTransaction(() -> {
            Refund current = rows.get(row.id());
            boolean stillExpected =
                    current != null && current.mode() == row.mode() && current.version() == row.version() - 1;
            if (!stillExpected) {
                return false;
            }
            Refund next = withChangeableFieldsOf(current, row);
            rows.put(row.id(), next);
            transactor.onRollback(() -> rows.put(row.id(), current));
            return true;
        });
    }

    @Override
    public Optional<Refund> find(Mode mode, String id) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(id)).filter(r -> r.mode() == mode));
    }

    @Override
    public List<Refund> forCharge(Mode mode, String chargeId) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(r -> r.mode() == mode && r.chargeId().equals(chargeId))
                .sorted(OLDEST_FIRST)
                .toList());
    }

    @Override
    public Page<Refund> list(Mode mode, MerchantScope merchants, PageRequest page) {
        Predicate<ParticipantId> inScope = merchantScopes.includes(mode, merchants);
        return transactor.inTransaction(() -> {
            List<Refund> all = rows.values().stream()
                    .filter(r -> r.mode() == mode && inScope.test(r.merchantId()))
                    .sorted(NEWEST_FIRST)
                    .toList();
            return new Page<>(
                    all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
        });
    }

    @Override
    public List<MoneyTotal> notFailedByMerchant(Mode mode) {
        return transactor.inTransaction(() -> MoneyTotals.sum(
                rows.values().stream().filter(r -> r.mode() == mode && r.status() != RefundStatus.FAILED),
                r -> r.merchantId().value(),
                r -> r.amount().currency(),
                r -> r.amount().minor(),
                r -> r.feeReturned().minor()));
    }

    @Override
    public List<MoneyTotal> completedByBank(Mode mode) {
        return transactor.inTransaction(() -> MoneyTotals.sum(
                rows.values().stream().filter(r -> r.mode() == mode && r.status() == RefundStatus.COMPLETED),
                r -> r.bankId().value(),
                r -> r.amount().currency(),
                r -> r.amount().minor(),
                r -> 0));
    }

    @Override
    public List<Refund> awaitingBank(Mode mode, ParticipantId bankId, Instant createdBefore, int limit) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(r -> r.mode() == mode
                        && r.bankId().equals(bankId)
                        && (r.status() == RefundStatus.PENDING || r.status() == RefundStatus.PROCESSING)
                        && r.createdAt().isBefore(createdBefore))
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList());
    }

    /** Like the SQL update, which sets only what the bank's answer changes. */
    private static Refund withChangeableFieldsOf(Refund current, Refund changed) {
        return new Refund(
                current.id(),
                current.mode(),
                current.chargeId(),
                current.merchantId(),
                current.bankId(),
                current.customerId(),
                current.amount(),
                current.feeReturned(),
                current.type(),
                current.reason(),
                current.metadata(),
                current.initiatedBy(),
                changed.status(),
                changed.bankReference(),
                changed.failureReason(),
                current.createdAt(),
                changed.updatedAt(),
                changed.processedAt(),
                changed.version());
    }

    private static Refund stored(Refund r) {
        return new Refund(
                r.id(),
                r.mode(),
                r.chargeId(),
                r.merchantId(),
                r.bankId(),
                r.customerId(),
                r.amount(),
                r.feeReturned(),
                r.type(),
                r.reason(),
                r.metadata(),
                r.initiatedBy(),
                r.status(),
                r.bankReference(),
                r.failureReason(),
                Micros.truncate(r.createdAt()),
                Micros.truncate(r.updatedAt()),
                r.processedAt().map(Micros::truncate),
                r.version());
    }
}
