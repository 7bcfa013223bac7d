package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.refund.RefundType;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.MoneyTotal;
import network.peere.core.ports.out.RefundStore;
import org.jdbi.v3.core.statement.StatementContext;

/** Refunds in the {@code refunds} table, one row each. */
final class JdbiRefundStore implements RefundStore {
    private static final String COLUMNS = """
            r.id, r.mode, r.charge_id, r.merchant_id, r.bank_id, r.customer_id, r.currency, r.amount_minor,
            r.fee_returned_minor, r.type, r.reason, r.metadata, r.initiated_by, r.status, r.bank_reference,
            r.failure_reason, r.created_at, r.updated_at, r.processed_at, r.version""";

    private static final String INSERT = """
            INSERT INTO refunds (id, mode, charge_id, merchant_id, bank_id, customer_id, currency, amount_minor,
                                 fee_returned_minor, type, reason, metadata, initiated_by, status, bank_reference,
                                 failure_reason, created_at, updated_at, processed_at, version)
            VALUES (:id, :mode, :charge_id, :merchant_id, :bank_id, :customer_id, :currency, :amount_minor,
                    :fee_returned_minor, :type, :reason, :metadata, :initiated_by, :status, :bank_reference,
                    :failure_reason, :created_at, :updated_at, :processed_at, :version)""";

    /** Only what the bank's answer changes; the amount and the fee it gives back never change. */
    private static final String UPDATE = """
            UPDATE refunds
               SET status = :status, bank_reference = :bank_reference, failure_reason = :failure_reason,
                   updated_at = :updated_at, processed_at = :processed_at, version = :version
             WHERE id = :id AND mode = :mode AND version = :expected_version""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM refunds r WHERE r.mode = :mode AND r.id = :id";

    private static final String FOR_CHARGE = "SELECT " + COLUMNS + """
             FROM refunds r
            WHERE r.mode = :mode AND r.charge_id = :charge_id
            ORDER BY r.created_at, r.id""";

    private static final String LIST = "SELECT " + COLUMNS + """
            , COUNT(*) OVER () AS total_matches
             FROM refunds r
            WHERE r.mode = :mode AND %s
            ORDER BY r.created_at DESC, r.id DESC
            LIMIT :limit OFFSET :offset""";

    private static final String COUNT = "SELECT COUNT(*) FROM refunds r WHERE r.mode = :mode AND %s";

    private static final String NOT_FAILED_BY_MERCHANT = """
            SELECT merchant_id AS owner, currency, SUM(amount_minor) AS amount_minor,
                   SUM(fee_returned_minor) AS fee_minor
              FROM refunds
             WHERE mode = :mode AND status <> 'FAILED'
             GROUP BY merchant_id, currency
             ORDER BY merchant_id, currency""";

    private static final String COMPLETED_BY_BANK = """
            SELECT bank_id AS owner, currency, SUM(amount_minor) AS amount_minor, 0 AS fee_minor
              FROM refunds
             WHERE mode = :mode AND status = 'COMPLETED'
             GROUP BY bank_id, currency
             ORDER BY bank_id, currency""";

    private static final String AWAITING_BANK = "SELECT " + COLUMNS + """
             FROM refunds r
            WHERE r.mode = :mode AND r.bank_id = :bank_id AND r.status IN ('PENDING', 'PROCESSING')
              AND r.created_at < :created_before
            ORDER BY r.created_at, r.id
            LIMIT :limit""";

    private final JdbiTransactor transactor;

    JdbiRefundStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(Refund refund) {
        transactor.withHandle(handle -> handle.createUpdate(INSERT)
                .bind("id", refund.id())
                .bind("mode", refund.mode().name())
                .bind("charge_id", refund.chargeId())
                .bind("merchant_id", refund.merchantId().value())
                .bind("bank_id", refund.bankId().value())
                .bind("customer_id", refund.customerId().value())
                .bind("currency", refund.amount().currency().getCurrencyCode())
                .bind("amount_minor", refund.amount().minor())
                .bind("fee_returned_minor", refund.feeReturned().minor())
                .bind("type", refund.type().name())
                .bind("reason", refund.reason())
                .bind("metadata", refund.metadata().map(Metadata::json).orElse(null))
                .bind("initiated_by", refund.initiatedBy().value())
                .bind("status", refund.status().name())
                .bind("bank_reference", refund.bankReference().orElse(null))
                .bind("failure_reason", refund.failureReason().orElse(null))
                .bind("created_at", UtcColumns.toColumn(refund.createdAt()))
                .bind("updated_at", UtcColumns.toColumn(refund.updatedAt()))
                .bind(
                        "processed_at",
                        refund.processedAt().map(UtcColumns::toColumn).orElse(null))
                .bind("version", refund.version())
                .execute());
    }

    @Override
    public boolean update(Refund changed) {
        int rows = transactor.withHandle(handle -> handle.createUpdate(UPDATE)
                .bind("id", changed.id())
                .bind("mode", changed.mode().name())
                .bind("status", changed.status().name())
                .bind("bank_reference", changed.bankReference().orElse(null))
                .bind("failure_reason", changed.failureReason().orElse(null))
                .bind("updated_at", UtcColumns.toColumn(changed.updatedAt()))
                .bind(
                        "processed_at",
                        changed.processedAt().map(UtcColumns::toColumn).orElse(null))
                .bind("version", changed.version())
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    @Override
    public Optional<Refund> find(Mode mode, String id) {
        return transactor.query(
                FIND,
                query -> query.bind("mode", mode.name())
                        .bind("id", id)
                        .map(JdbiRefundStore::refund)
                        .findOne());
    }

    @Override
    public List<Refund> forCharge(Mode mode, String chargeId) {
        return transactor.query(
                FOR_CHARGE,
                query -> query.bind("mode", mode.name())
                        .bind("charge_id", chargeId)
                        .map(JdbiRefundStore::refund)
                        .list());
    }

    @Override
    public Page<Refund> list(Mode mode, MerchantScope merchants, PageRequest page) {
        String where = MerchantScopes.where("r.merchant_id", merchants);
        return transactor.withHandle(handle -> {
            List<Counted> rows = handle.createQuery(LIST.formatted(where))
                    .bind("mode", mode.name())
                    .bindMap(MerchantScopes.values(merchants))
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Counted(refund(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::refund).toList(),
                        rows.getFirst().total());
            }
            // An offset past the end returns no rows to carry the total: count separately.
            long total = handle.createQuery(COUNT.formatted(where))
                    .bind("mode", mode.name())
                    .bindMap(MerchantScopes.values(merchants))
                    .mapTo(Long.class)
                    .one();
            return new Page<>(List.of(), total);
        });
    }

    private record Counted(Refund refund, long total) {}

    @Override
    public List<MoneyTotal> notFailedByMerchant(Mode mode) {
        return MoneyTotals.query(transactor, NOT_FAILED_BY_MERCHANT, mode);
    }

    @Override
    public List<MoneyTotal> completedByBank(Mode mode) {
        return MoneyTotals.query(transactor, COMPLETED_BY_BANK, mode);
    }

    @Override
    public List<Refund> awaitingBank(Mode mode, ParticipantId bankId, Instant createdBefore, int limit) {
        return transactor.query(
                AWAITING_BANK,
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("created_before", UtcColumns.toColumn(createdBefore))
                        .bind("limit", limit)
                        .map(JdbiRefundStore::refund)
                        .list());
    }

    static Refund refund(ResultSet row, StatementContext context) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency"));
        return new Refund(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                row.getString("charge_id"),
                new ParticipantId(row.getString("merchant_id")),
                new ParticipantId(row.getString("bank_id")),
                new CustomerId(row.getString("customer_id")),
                new Money(row.getLong("amount_minor"), currency),
                new Money(row.getLong("fee_returned_minor"), currency),
                RefundType.valueOf(row.getString("type")),
                row.getString("reason"),
                Optional.ofNullable(row.getString("metadata")).map(Metadata::new),
                new ParticipantId(row.getString("initiated_by")),
                RefundStatus.valueOf(row.getString("status")),
                Optional.ofNullable(row.getString("bank_reference")),
                Optional.ofNullable(row.getString("failure_reason")),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "updated_at"),
                UtcColumns.optionalInstant(row, "processed_at"),
                row.getLong("version"));
    }
}
