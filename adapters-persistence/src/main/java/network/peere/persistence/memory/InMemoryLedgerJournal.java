package network.peere.persistence.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.TrialBalance;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.LedgerJournal;

/** The journal as a list that only grows (an append is undone only when its transaction rolls back). */
final class InMemoryLedgerJournal implements LedgerJournal {
    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final List<JournalTransaction> journal = new ArrayList<>();

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
    public List<JournalTransaction> forReference(Mode mode, String reference) {
        return transactor.inTransaction(() -> journal.stream()
                .filter(t -> t.mode() == mode && t.reference().equals(reference))
                .sorted(Comparator.comparing(JournalTransaction::occurredAt).thenComparing(JournalTransaction::id))
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
}
