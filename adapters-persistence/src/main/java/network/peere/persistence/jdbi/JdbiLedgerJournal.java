package network.peere.persistence.jdbi;

import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.Posting;
import network.peere.core.domain.ledger.TrialBalance;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.LedgerJournal;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The journal in {@code ledger_transactions} and {@code ledger_postings}: INSERT and SELECT only. */
final class JdbiLedgerJournal implements LedgerJournal {
    private static final String INSERT_TRANSACTION = """
            INSERT INTO ledger_transactions (id, mode, reference, description, occurred_at)
            VALUES (:id, :mode, :reference, :description, :occurred_at)""";

    private static final String INSERT_POSTING = """
            INSERT INTO ledger_postings
                   (transaction_id, line, mode, account_type, account_owner, currency, amount_minor)
            VALUES (:transaction_id, :line, :mode, :account_type, :account_owner, :currency, :amount_minor)""";

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

    private final JdbiTransactor transactor;

    JdbiLedgerJournal(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void post(JournalTransaction transaction) {
        transactor.useTransaction(() -> transactor.withHandle(handle -> {
            handle.createUpdate(INSERT_TRANSACTION)
                    .bind("id", transaction.id())
                    .bind("mode", transaction.mode().name())
                    .bind("reference", transaction.reference())
                    .bind("description", transaction.description())
                    .bind("occurred_at", UtcColumns.toColumn(transaction.occurredAt()))
                    .execute();
            PreparedBatch batch = handle.prepareBatch(INSERT_POSTING);
            List<Posting> postings = transaction.postings();
            for (int line = 0; line < postings.size(); line++) {
                Posting posting = postings.get(line);
                batch.bind("transaction_id", transaction.id())
                        .bind("line", line)
                        .bind("mode", transaction.mode().name())
                        .bind("account_type", posting.account().type().name())
                        .bind("account_owner", posting.account().owner())
                        .bind("currency", posting.amount().currency().getCurrencyCode())
                        .bind("amount_minor", posting.amount().minor())
                        .add();
            }
            batch.execute();
            return null;
        }));
    }

    private record Row(String id, String reference, String description, java.time.Instant at, Posting posting) {}

    @Override
    public List<JournalTransaction> forReference(Mode mode, String reference) {
        List<Row> rows = transactor.withHandle(handle -> handle.createQuery(FOR_REFERENCE)
                .bind("mode", mode.name())
                .bind("reference", reference)
                .map((row, context) -> new Row(
                        row.getString("id"),
                        row.getString("reference"),
                        row.getString("description"),
                        UtcColumns.instant(row, "occurred_at"),
                        new Posting(
                                new Account(
                                        AccountType.valueOf(row.getString("account_type")),
                                        row.getString("account_owner")),
                                new Money(
                                        row.getLong("amount_minor"), Currency.getInstance(row.getString("currency"))))))
                .list());
        Map<String, List<Row>> byTransaction = new LinkedHashMap<>();
        rows.forEach(r -> byTransaction
                .computeIfAbsent(r.id(), id -> new java.util.ArrayList<>())
                .add(r));
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
            Mode mode, Account account, Currency currency, java.time.Instant before, String settlementId) {
        throw new UnsupportedOperationException("follows with V13");
    }

    @Override
    public void assignToSettlement(Mode mode, String transactionId, Account account, String settlementId) {
        throw new UnsupportedOperationException("follows with V13");
    }

    @Override
    public List<Unsettled> unsettled(Mode mode, AccountType type, java.time.Instant before, int limit) {
        throw new UnsupportedOperationException("follows with V13");
    }
}
