package network.peere.persistence.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.TrialBalance;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.LedgerJournal;

/** The journal as a list that only grows (an append is undone only when its transaction rolls back). */
final class InMemoryLedgerJournal implements LedgerJournal {
    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final List<JournalTransaction> journal = new ArrayList<>();

    /** Which settlement took each (transaction, account), as the {@code settlement_entries} key. Guarded likewise. */
    private final Map<Entry, String> settledBy = new HashMap<>();

    private record Entry(String transactionId, Account account) {}

    private record AccountIn(Account account, Currency currency) {}

    private static final Comparator<JournalTransaction> OLDEST_FIRST =
            Comparator.comparing(JournalTransaction::occurredAt).thenComparing(JournalTransaction::id);

    InMemoryLedgerJournal(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void post(JournalTransaction transaction) {
        var row = new JournalTransaction(
                transaction.id(),
                transaction.mode(),
                transaction.reference(),
                transaction.description(),
                Micros.truncate(transaction.occurredAt()),
                transaction.postings());
        transactor.useTransaction(() -> {
            if (journal.stream().anyMatch(t -> t.id().equals(row.id()))) {
                throw new IllegalStateException("duplicate journal transaction id " + row.id());
            }
            journal.add(row);
            transactor.onRollback(() -> journal.remove(row));
        });
    }

    @Override
    public void postAll(List<JournalTransaction> transactions) {
        transactor.useTransaction(() -> transactions.forEach(this::post));
    }

    @Override
    public List<JournalTransaction> forReference(Mode mode, String reference) {
        return transactor.inTransaction(() -> journal.stream()
                .filter(t -> t.mode() == mode && t.reference().equals(reference))
                .sorted(OLDEST_FIRST)
                .toList());
    }

    @Override
    public TrialBalance trialBalance(Mode mode) {
        return transactor.inTransaction(() -> {
            Map<Currency, Long> totals = new HashMap<>();
            Map<Account, Map<Currency, Long>> balances = new HashMap<>();
            journal.stream()
                    .filter(t -> t.mode() == mode)
                    .flatMap(t -> t.postings().stream())
                    .forEach(p -> {
                        Currency currency = p.amount().currency();
                        totals.merge(currency, p.amount().minor(), Math::addExact);
                        balances.computeIfAbsent(p.account(), a -> new HashMap<>())
                                .merge(currency, p.amount().minor(), Math::addExact);
                    });
            return new TrialBalance(totals, balances);
        });
    }

    @Override
    public List<JournalTransaction> claimForSettlement(
            Mode mode, Account account, Currency currency, Instant before, String settlementId) {
        Objects.requireNonNull(settlementId, "settlementId");
        Instant cutoff = Micros.truncate(before);
        return transactor.inTransaction(() -> {
            journal.stream()
                    .filter(t -> t.mode() == mode
                            && t.occurredAt().isBefore(cutoff)
                            && postsOn(t, account, currency)
                            && !settledBy.containsKey(new Entry(t.id(), account)))
                    .toList()
                    .forEach(t -> take(new Entry(t.id(), account), settlementId));
            return journal.stream()
                    .filter(t -> t.mode() == mode
                            && postsOn(t, account, currency)
                            && settlementId.equals(settledBy.get(new Entry(t.id(), account))))
                    .sorted(OLDEST_FIRST)
                    .toList();
        });
    }

    private static boolean postsOn(JournalTransaction t, Account account, Currency currency) {
        return t.postings().stream()
                .anyMatch(p ->
                        p.account().equals(account) && p.amount().currency().equals(currency));
    }

    @Override
    public Set<String> settledReferences(Mode mode, AccountType type, Collection<String> references) {
        return transactor.inTransaction(() -> journal.stream()
                .filter(t -> t.mode() == mode && references.contains(t.reference()))
                .filter(t -> t.postings().stream()
                        .anyMatch(p ->
                                p.account().type() == type && settledBy.containsKey(new Entry(t.id(), p.account()))))
                .map(JournalTransaction::reference)
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public void assignToSettlement(Mode mode, String transactionId, Account account, String settlementId) {
        Objects.requireNonNull(settlementId, "settlementId");
        transactor.useTransaction(() -> {
            var entry = new Entry(transactionId, account);
            if (settledBy.containsKey(entry)) {
                throw new IllegalStateException("journal transaction " + transactionId + " is already settled");
            }
            take(entry, settlementId);
        });
    }

    private void take(Entry entry, String settlementId) {
        settledBy.put(entry, settlementId);
        transactor.onRollback(() -> settledBy.remove(entry));
    }

    @Override
    public List<Unsettled> unsettled(Mode mode, AccountType type, Instant before, int limit) {
        Instant cutoff = Micros.truncate(before);
        return transactor.inTransaction(() -> {
            Map<AccountIn, Instant> byAccount = new HashMap<>();
            journal.stream()
                    .filter(t -> t.mode() == mode && t.occurredAt().isBefore(cutoff))
                    .forEach(t -> t.postings().stream()
                            .filter(p -> p.account().type() == type
                                    && !settledBy.containsKey(new Entry(t.id(), p.account())))
                            .forEach(p -> byAccount.merge(
                                    new AccountIn(p.account(), p.amount().currency()),
                                    t.occurredAt(),
                                    (a, b) -> a.isBefore(b) ? a : b)));
            return byAccount.entrySet().stream()
                    .map(e -> new Unsettled(e.getKey().account(), e.getKey().currency(), e.getValue()))
                    .sorted(EARLIEST_FIRST)
                    .limit(limit)
                    .toList();
        });
    }

    /** Earliest first, then owner and currency code: the SQL order. */
    private static final Comparator<Unsettled> EARLIEST_FIRST = Comparator.comparing(Unsettled::earliest)
            .thenComparing(u -> u.account().owner())
            .thenComparing(u -> u.currency().getCurrencyCode());
}
