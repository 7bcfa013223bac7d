package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.settlement.PayoutStatus;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.MoneyTotal;
import network.peere.core.ports.out.SettlementStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Settlements in {@code settlements} and {@code settlement_lines}. A window is claimed by inserting its row into
 * {@code settlement_windows}: a concurrent claim of the same window waits on the first's key lock, and gets a
 * duplicate key once the first commits. Neither MariaDB nor H2 aborts the transaction for a duplicate key (only the
 * statement fails), so the claim can answer false and the caller's transaction go on.
 */
final class JdbiSettlementStore implements SettlementStore {
    private static final String CLAIM = """
            INSERT INTO settlement_windows (mode, merchant_id, currency, window_start, settlement_id)
            VALUES (:mode, :merchant_id, :currency, :window_start, :settlement_id)""";

    private static final String CLAIMED_BY = """
            SELECT settlement_id FROM settlement_windows
             WHERE mode = :mode AND merchant_id = :merchant_id AND currency = :currency
               AND window_start = :window_start""";

    private static final String COLUMNS = """
            s.id, s.mode, s.merchant_id, s.currency, s.window_start, s.window_end, s.charges_minor, s.refunds_minor,
            s.fees_minor, s.carried_in_minor, s.net_minor, s.payout_minor, s.carried_out_minor, s.payout_bank_name,
            s.payout_account_number, s.payout_account_name, s.payout_status, s.settled_at, s.updated_at,
            s.version""";

    private static final String INSERT = """
            INSERT INTO settlements (id, mode, merchant_id, currency, window_start, window_end, charges_minor,
                                     refunds_minor, fees_minor, carried_in_minor, net_minor, payout_minor,
                                     carried_out_minor, payout_bank_name, payout_account_number,
                                     payout_account_name, payout_status, settled_at, updated_at, version)
            VALUES (:id, :mode, :merchant_id, :currency, :window_start, :window_end, :charges_minor,
                    :refunds_minor, :fees_minor, :carried_in_minor, :net_minor, :payout_minor,
                    :carried_out_minor, :payout_bank_name, :payout_account_number,
                    :payout_account_name, :payout_status, :settled_at, :updated_at, :version)""";

    private static final String INSERT_LINE = """
            INSERT INTO settlement_lines (settlement_id, line, mode, journal_transaction_id, kind, reference,
                                          gross_minor, fee_minor, net_minor, bank_id, occurred_at)
            VALUES (:settlement_id, :line, :mode, :journal_transaction_id, :kind, :reference,
                    :gross_minor, :fee_minor, :net_minor, :bank_id, :occurred_at)""";

    /** Only the payout status moves; the amounts are settled once. */
    private static final String UPDATE = """
            UPDATE settlements
               SET payout_status = :payout_status, updated_at = :updated_at, version = :version
             WHERE id = :id AND mode = :mode AND version = :expected_version""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM settlements s WHERE s.mode = :mode AND s.id = :id";

    private static final String LATEST = "SELECT " + COLUMNS + """
             FROM settlements s
            WHERE s.mode = :mode AND s.merchant_id = :merchant_id AND s.currency = :currency
            ORDER BY s.window_start DESC, s.id DESC
            LIMIT 1""";

    private static final String LINES = """
            SELECT journal_transaction_id, kind, reference, gross_minor, fee_minor, net_minor, bank_id, occurred_at
              FROM settlement_lines
             WHERE settlement_id = :settlement_id
             ORDER BY line""";

    private static final String PAYOUTS_BY_MERCHANT = """
            SELECT merchant_id AS owner, currency, SUM(payout_minor) AS amount_minor, 0 AS fee_minor
              FROM settlements
             WHERE mode = :mode
             GROUP BY merchant_id, currency
             ORDER BY merchant_id, currency""";

    private static final String LIST = """
            SELECT %s, COUNT(*) OVER () AS total_matches
              FROM settlements s
             WHERE %s
             ORDER BY s.window_start DESC, s.id DESC
             LIMIT :limit OFFSET :offset""";

    private static final String COUNT = "SELECT COUNT(*) FROM settlements s WHERE %s";

    private final JdbiTransactor transactor;

    JdbiSettlementStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public boolean claimWindow(
            Mode mode, ParticipantId merchantId, Currency currency, Instant windowStart, String settlementId) {
        Objects.requireNonNull(settlementId, "settlementId");
        try {
            transactor.withHandle(handle -> handle.createUpdate(CLAIM)
                    .bind("mode", mode.name())
                    .bind("merchant_id", merchantId.value())
                    .bind("currency", currency.getCurrencyCode())
                    .bind("window_start", UtcColumns.toColumn(windowStart))
                    .bind("settlement_id", settlementId)
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isDuplicateKey(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void insert(Settlement settlement) {
        transactor.useTransaction(() -> transactor.withHandle(handle -> {
            Optional<String> claimedBy = handle.createQuery(CLAIMED_BY)
                    .bind("mode", settlement.mode().name())
                    .bind("merchant_id", settlement.merchantId().value())
                    .bind("currency", settlement.currency().getCurrencyCode())
                    .bind("window_start", UtcColumns.toColumn(settlement.windowStart()))
                    .mapTo(String.class)
                    .findOne();
            Invariants.check(
                    claimedBy.equals(Optional.of(settlement.id())),
                    "a settlement is stored only in the window it claimed");
            Optional<PayoutAccount> account = settlement.payoutAccount();
            handle.createUpdate(INSERT)
                    .bind("id", settlement.id())
                    .bind("mode", settlement.mode().name())
                    .bind("merchant_id", settlement.merchantId().value())
                    .bind("currency", settlement.currency().getCurrencyCode())
                    .bind("window_start", UtcColumns.toColumn(settlement.windowStart()))
                    .bind("window_end", UtcColumns.toColumn(settlement.windowEnd()))
                    .bind("charges_minor", settlement.chargesMinor())
                    .bind("refunds_minor", settlement.refundsMinor())
                    .bind("fees_minor", settlement.feesMinor())
                    .bind("carried_in_minor", settlement.carriedInMinor())
                    .bind("net_minor", settlement.netMinor())
                    .bind("payout_minor", settlement.payoutMinor())
                    .bind("carried_out_minor", settlement.carriedOutMinor())
                    .bind(
                            "payout_bank_name",
                            account.map(PayoutAccount::bankName).orElse(null))
                    .bind(
                            "payout_account_number",
                            account.map(PayoutAccount::accountNumber).orElse(null))
                    .bind(
                            "payout_account_name",
                            account.map(PayoutAccount::accountName).orElse(null))
                    .bind("payout_status", settlement.payoutStatus().name())
                    .bind("settled_at", UtcColumns.toColumn(settlement.settledAt()))
                    .bind("updated_at", UtcColumns.toColumn(settlement.updatedAt()))
                    .bind("version", settlement.version())
                    .execute();
            insertLines(handle, settlement);
            return null;
        }));
    }

    private static void insertLines(Handle handle, Settlement settlement) {
        List<SettlementLine> lines = settlement.lines();
        if (lines.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(INSERT_LINE);
        for (int line = 0; line < lines.size(); line++) {
            SettlementLine l = lines.get(line);
            batch.bind("settlement_id", settlement.id())
                    .bind("line", line)
                    .bind("mode", settlement.mode().name())
                    .bind("journal_transaction_id", l.journalTransactionId())
                    .bind("kind", l.kind().name())
                    .bind("reference", l.reference())
                    .bind("gross_minor", l.grossMinor())
                    .bind("fee_minor", l.feeMinor())
                    .bind("net_minor", l.netMinor())
                    .bind("bank_id", l.bankId().map(ParticipantId::value).orElse(null))
                    .bind("occurred_at", UtcColumns.toColumn(l.occurredAt()))
                    .add();
        }
        batch.execute();
    }

    @Override
    public boolean update(Settlement changed) {
        int rows = transactor.withHandle(handle -> handle.createUpdate(UPDATE)
                .bind("id", changed.id())
                .bind("mode", changed.mode().name())
                .bind("payout_status", changed.payoutStatus().name())
                .bind("updated_at", UtcColumns.toColumn(changed.updatedAt()))
                .bind("version", changed.version())
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    @Override
    public Optional<Settlement> find(Mode mode, String id) {
        return transactor.withHandle(handle -> handle.createQuery(FIND)
                .bind("mode", mode.name())
                .bind("id", id)
                .map(JdbiSettlementStore::withoutLines)
                .findOne()
                .map(s -> withLines(handle, s)));
    }

    @Override
    public Optional<Settlement> latest(Mode mode, ParticipantId merchantId, Currency currency) {
        return transactor.withHandle(handle -> handle.createQuery(LATEST)
                .bind("mode", mode.name())
                .bind("merchant_id", merchantId.value())
                .bind("currency", currency.getCurrencyCode())
                .map(JdbiSettlementStore::withoutLines)
                .findOne()
                .map(s -> withLines(handle, s)));
    }

    @Override
    public List<MoneyTotal> payoutsByMerchant(Mode mode) {
        return MoneyTotals.query(transactor, PAYOUTS_BY_MERCHANT, mode);
    }

    @Override
    public Page<Settlement> list(
            Mode mode, MerchantScope merchants, Optional<Instant> from, Optional<Instant> to, PageRequest page) {
        // Only fixed fragments go into the SQL text; every value is a bound parameter.
        var conditions = new ArrayList<String>();
        conditions.add("s.mode = :mode");
        conditions.add(MerchantScopes.where("s.merchant_id", merchants));
        from.ifPresent(f -> conditions.add("s.window_start >= :from"));
        to.ifPresent(t -> conditions.add("s.window_start < :to"));
        String where = String.join(" AND ", conditions);
        Map<String, Object> values = new HashMap<>();
        values.put("mode", mode.name());
        values.putAll(MerchantScopes.values(merchants));
        from.ifPresent(f -> values.put("from", UtcColumns.toColumn(f)));
        to.ifPresent(t -> values.put("to", UtcColumns.toColumn(t)));
        return transactor.withHandle(handle -> {
            List<Counted> rows = handle.createQuery(LIST.formatted(COLUMNS, where))
                    .bindMap(values)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Counted(withoutLines(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::settlement).toList(),
                        rows.getFirst().total());
            }
            // An offset past the end returns no rows to carry the total: count separately.
            long total = handle.createQuery(COUNT.formatted(where))
                    .bindMap(values)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(List.of(), total);
        });
    }

    private record Counted(Settlement settlement, long total) {}

    private static Settlement withLines(Handle handle, Settlement s) {
        List<SettlementLine> lines = handle.createQuery(LINES)
                .bind("settlement_id", s.id())
                .map((row, context) -> new SettlementLine(
                        row.getString("journal_transaction_id"),
                        SettlementLine.Kind.valueOf(row.getString("kind")),
                        row.getString("reference"),
                        row.getLong("gross_minor"),
                        row.getLong("fee_minor"),
                        row.getLong("net_minor"),
                        Optional.ofNullable(row.getString("bank_id")).map(ParticipantId::new),
                        UtcColumns.instant(row, "occurred_at")))
                .list();
        return s.withLines(lines);
    }

    private static Settlement withoutLines(ResultSet row, StatementContext context) throws SQLException {
        Optional<String> bankName = Optional.ofNullable(row.getString("payout_bank_name"));
        Optional<PayoutAccount> account = bankName.isEmpty()
                ? Optional.empty()
                : Optional.of(new PayoutAccount(
                        bankName.get(), row.getString("payout_account_number"), row.getString("payout_account_name")));
        return new Settlement(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                new ParticipantId(row.getString("merchant_id")),
                Currency.getInstance(row.getString("currency")),
                UtcColumns.instant(row, "window_start"),
                UtcColumns.instant(row, "window_end"),
                row.getLong("charges_minor"),
                row.getLong("refunds_minor"),
                row.getLong("fees_minor"),
                row.getLong("carried_in_minor"),
                row.getLong("net_minor"),
                row.getLong("payout_minor"),
                row.getLong("carried_out_minor"),
                List.of(),
                account,
                PayoutStatus.valueOf(row.getString("payout_status")),
                UtcColumns.instant(row, "settled_at"),
                UtcColumns.instant(row, "updated_at"),
                row.getLong("version"));
    }
}
