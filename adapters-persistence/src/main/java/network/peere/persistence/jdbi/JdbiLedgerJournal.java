package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.Posting;
import network.peere.core.domain.ledger.TrialBalance;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.LedgerJournal;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The journal in {@code ledger_transactions} and {@code ledger_postings}: INSERT and SELECT only. Which settlement took
 * each transaction, per account, is in {@code settlement_entries}.
 */
final class JdbiLedgerJournal implements LedgerJournal {
    private static final String INSERT_TRANSACTION = """
            INSERT INTO ledger_transactions (id, mode, reference, description, occurred_at)
            VALUES (:id, :mode, :reference, :description, :occurred_at)""";

    private static final String INSERT_POSTING = """
            INSERT INTO ledger_postings
                   (transaction_id, line, mode, account_type, account_owner, currency, amount_minor)
            VALUES (:transaction_id, :line, :mode, :account_type, :account_owner, :currency, :amount_minor)""";

    /** {@link #postingsInsert} for each number of lines a journal transaction may have, at its index. */
    private static final List<String> POSTINGS_INSERTS = java.util.stream.IntStream.rangeClosed(
                    0, JournalTransaction.POSTINGS_MAX)
            .mapToObj(JdbiLedgerJournal::postingsInsert)
            .toList();

    private static final String FOR_REFERENCE = """
            SELECT t.id, t.reference, t.description, t.occurred_at,
                   p.line, p.account_type, p.account_owner, p.currency, p.amount_minor
              FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id
             WHERE t.mode = :mode AND t.reference = :reference
             ORDER BY t.occurred_at, t.id, p.line""";

    private static final String BALANCES = """
            SELECT account_type, account_owner, currency, SUM(amount_minor) AS balance
              FROM ledger_postings
             WHERE mode = :mode
             GROUP BY account_type, account_owner, currency""";

    /**
     * Takes every unclaimed transaction with a posting on the account in the currency before the cutoff; the key on
     * (transaction, account) makes a second claim of one transaction fail rather than count it twice.
     */
    private static final String CLAIM = """
            INSERT INTO settlement_entries (transaction_id, account_type, account_owner, settlement_id, mode)
            SELECT DISTINCT t.id, :account_type, :account_owner, :settlement_id, t.mode
              FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id
             WHERE p.mode = :mode AND p.account_type = :account_type AND p.account_owner = :account_owner
               AND p.currency = :currency AND t.occurred_at < :before
               AND NOT EXISTS (SELECT 1 FROM settlement_entries e
                                WHERE e.transaction_id = t.id AND e.account_type = :account_type
                                  AND e.account_owner = :account_owner)""";

    /** What a settlement took on the account in the currency, each transaction with all its postings. */
    private static final String CLAIMED = """
            SELECT t.id, t.reference, t.description, t.occurred_at,
                   p.line, p.account_type, p.account_owner, p.currency, p.amount_minor
              FROM settlement_entries e
              JOIN ledger_transactions t ON t.id = e.transaction_id
              JOIN ledger_postings p ON p.transaction_id = t.id
             WHERE e.settlement_id = :settlement_id AND e.account_type = :account_type
               AND e.account_owner = :account_owner AND e.mode = :mode
               AND EXISTS (SELECT 1 FROM ledger_postings q
                            WHERE q.transaction_id = t.id AND q.account_type = :account_type
                              AND q.account_owner = :account_owner AND q.currency = :currency)
             ORDER BY t.occurred_at, t.id, p.line""";

    private static final String ASSIGN = """
            INSERT INTO settlement_entries (transaction_id, account_type, account_owner, settlement_id, mode)
            VALUES (:transaction_id, :account_type, :account_owner, :settlement_id, :mode)""";

    private static final String UNSETTLED = """
            SELECT p.account_owner, p.currency, MIN(t.occurred_at) AS earliest
              FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
             WHERE p.mode = :mode AND p.account_type = :account_type AND t.occurred_at < :before
               AND NOT EXISTS (SELECT 1 FROM settlement_entries e
                                WHERE e.transaction_id = p.transaction_id AND e.account_type = p.account_type
                                  AND e.account_owner = p.account_owner)
             GROUP BY p.account_owner, p.currency
             ORDER BY earliest, p.account_owner, p.currency
             LIMIT :limit""";

    private static final String SETTLED_REFERENCES = """
            SELECT DISTINCT t.reference
              FROM ledger_transactions t
              JOIN settlement_entries e ON e.transaction_id = t.id AND e.account_type = :account_type
             WHERE t.mode = :mode AND t.reference IN (<references>)""";

    private final JdbiTransactor transactor;

    JdbiLedgerJournal(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    /**
     * One transaction's head and its lines, each one {@code INSERT} held back in the caller's transaction (new ids: they
     * cannot fail but through a bug), so on MariaDB they go with the commit rather than a round trip each.
     */
    @Override
    public void post(JournalTransaction transaction) {
        List<Posting> postings = transaction.postings();
        transactor.useTransaction(() -> {
            transactor.defer(
                    "journal transaction " + transaction.id(),
                    INSERT_TRANSACTION,
                    insert -> bindHead(insert, transaction),
                    1);
            transactor.defer(
                    "the lines of journal transaction " + transaction.id(),
                    POSTINGS_INSERTS.get(postings.size()),
                    insert -> {
                        for (int line = 0; line < postings.size(); line++) {
                            bindLine(insert, linePrefix(line), transaction, line);
                        }
                        return insert;
                    },
                    postings.size());
        });
    }

    /**
     * {@link #INSERT_POSTING} for {@code lines} rows: its one row of parameters repeated, each line's prefixed {@code
     * l0_}, {@code l1_}, … as {@link #bindLine} binds them.
     */
    private static String postingsInsert(int lines) {
        int values = INSERT_POSTING.indexOf("VALUES");
        String row = INSERT_POSTING.substring(values + "VALUES".length()).strip();
        return INSERT_POSTING.substring(0, values) + "VALUES "
                + String.join(
                        ", ",
                        java.util.stream.IntStream.range(0, lines)
                                .mapToObj(line -> JdbiTransactor.withPrefix(row, linePrefix(line)))
                                .toList());
    }

    private static String linePrefix(int line) {
        return "l" + line + "_";
    }

    private static <S extends SqlStatement<S>> S bindHead(S statement, JournalTransaction transaction) {
        return statement
                .bind("id", transaction.id())
                .bind("mode", transaction.mode().name())
                .bind("reference", transaction.reference())
                .bind("description", transaction.description())
                .bind("occurred_at", UtcColumns.toColumn(transaction.occurredAt()));
    }

    /** Line {@code line} of the transaction, on parameters named with {@code prefix}. */
    private static <S extends SqlStatement<S>> S bindLine(
            S statement, String prefix, JournalTransaction transaction, int line) {
        Posting posting = transaction.postings().get(line);
        return statement
                .bind(prefix + "transaction_id", transaction.id())
                .bind(prefix + "line", line)
                .bind(prefix + "mode", transaction.mode().name())
                .bind(prefix + "account_type", posting.account().type().name())
                .bind(prefix + "account_owner", posting.account().owner())
                .bind(prefix + "currency", posting.amount().currency().getCurrencyCode())
                .bind(prefix + "amount_minor", posting.amount().minor());
    }

    @Override
    public void postAll(List<JournalTransaction> transactions) {
        if (transactions.isEmpty()) {
            return;
        }
        transactor.useTransaction(() -> transactor.withHandle(handle -> {
            PreparedBatch heads = handle.prepareBatch(INSERT_TRANSACTION);
            PreparedBatch lines = handle.prepareBatch(INSERT_POSTING);
            for (JournalTransaction transaction : transactions) {
                bindHead(heads, transaction).add();
                for (int line = 0; line < transaction.postings().size(); line++) {
                    bindLine(lines, "", transaction, line).add();
                }
            }
            heads.execute();
            lines.execute();
            return null;
        }));
    }

    private record Row(String id, String reference, String description, Instant at, Posting posting) {}

    @Override
    public List<JournalTransaction> forReference(Mode mode, String reference) {
        List<Row> rows = transactor.query(
                FOR_REFERENCE,
                query -> query.bind("mode", mode.name())
                        .bind("reference", reference)
                        .map(JdbiLedgerJournal::row)
                        .list());
        return transactions(mode, rows);
    }

    private static Row row(ResultSet row, StatementContext context) throws SQLException {
        return new Row(
                row.getString("id"),
                row.getString("reference"),
                row.getString("description"),
                UtcColumns.instant(row, "occurred_at"),
                new Posting(
                        new Account(AccountType.valueOf(row.getString("account_type")), row.getString("account_owner")),
                        new Money(row.getLong("amount_minor"), Currency.getInstance(row.getString("currency")))));
    }

    /** Rows ordered by transaction then line, one transaction each. */
    private static List<JournalTransaction> transactions(Mode mode, List<Row> rows) {
        Map<String, List<Row>> byTransaction = new LinkedHashMap<>();
        rows.forEach(r ->
                byTransaction.computeIfAbsent(r.id(), id -> new ArrayList<>()).add(r));
        return byTransaction.values().stream()
                .map(legs -> new JournalTransaction(
                        legs.getFirst().id(),
                        mode,
                        legs.getFirst().reference(),
                        legs.getFirst().description(),
                        legs.getFirst().at(),
                        legs.stream().map(Row::posting).toList()))
                .toList();
    }

    @Override
    public TrialBalance trialBalance(Mode mode) {
        return transactor.withHandle(handle -> {
            Map<Currency, Long> totals = new HashMap<>();
            Map<Account, Map<Currency, Long>> balances = new HashMap<>();
            handle.createQuery(BALANCES)
                    .bind("mode", mode.name())
                    .map((row, context) -> {
                        var account = new Account(
                                AccountType.valueOf(row.getString("account_type")), row.getString("account_owner"));
                        Currency currency = Currency.getInstance(row.getString("currency"));
                        long balance = row.getLong("balance");
                        totals.merge(currency, balance, Math::addExact);
                        balances.computeIfAbsent(account, a -> new HashMap<>()).put(currency, balance);
                        return account;
                    })
                    .list();
            return new TrialBalance(totals, balances);
        });
    }

    @Override
    public List<JournalTransaction> claimForSettlement(
            Mode mode, Account account, Currency currency, Instant before, String settlementId) {
        Objects.requireNonNull(settlementId, "settlementId");
        List<Row> rows = transactor.inTransaction(() -> transactor.withHandle(handle -> {
            handle.createUpdate(CLAIM)
                    .bind("mode", mode.name())
                    .bind("account_type", account.type().name())
                    .bind("account_owner", account.owner())
                    .bind("currency", currency.getCurrencyCode())
                    .bind("before", UtcColumns.toColumn(before))
                    .bind("settlement_id", settlementId)
                    .execute();
            return handle.createQuery(CLAIMED)
                    .bind("mode", mode.name())
                    .bind("account_type", account.type().name())
                    .bind("account_owner", account.owner())
                    .bind("currency", currency.getCurrencyCode())
                    .bind("settlement_id", settlementId)
                    .map(JdbiLedgerJournal::row)
                    .list();
        }));
        return transactions(mode, rows);
    }

    @Override
    public Set<String> settledReferences(Mode mode, AccountType type, Collection<String> references) {
        if (references.isEmpty()) {
            return Set.of();
        }
        return transactor.withHandle(handle -> Set.copyOf(handle.createQuery(SETTLED_REFERENCES)
                .bind("mode", mode.name())
                .bind("account_type", type.name())
                .bindList("references", SqlLists.padded(List.copyOf(references)))
                .mapTo(String.class)
                .list()));
    }

    @Override
    public void assignToSettlement(Mode mode, String transactionId, Account account, String settlementId) {
        Objects.requireNonNull(settlementId, "settlementId");
        transactor.withHandle(handle -> handle.createUpdate(ASSIGN)
                .bind("transaction_id", transactionId)
                .bind("account_type", account.type().name())
                .bind("account_owner", account.owner())
                .bind("settlement_id", settlementId)
                .bind("mode", mode.name())
                .execute());
    }

    @Override
    public List<Unsettled> unsettled(Mode mode, AccountType type, Instant before, int limit) {
        return transactor.query(
                UNSETTLED,
                query -> query.bind("mode", mode.name())
                        .bind("account_type", type.name())
                        .bind("before", UtcColumns.toColumn(before))
                        .bind("limit", limit)
                        .map((row, context) -> new Unsettled(
                                new Account(type, row.getString("account_owner")),
                                Currency.getInstance(row.getString("currency")),
                                UtcColumns.instant(row, "earliest")))
                        .list());
    }
}
