package network.peere.core.ports.in.money;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import network.peere.core.domain.shared.Mode;

/**
 * Proves the books: the journal sums to zero per currency, and each merchant's and bank's ledger balance equals what
 * the charges, refunds and payouts recorded elsewhere say it must be. Read-only.
 */
public interface ReconcileLedger {
    Reconciliation reconcile(Mode mode);

    record Reconciliation(Map<Currency, Long> journalTotals, List<Mismatch> mismatches) {
        public Reconciliation {
            journalTotals = Map.copyOf(journalTotals);
            mismatches = List.copyOf(mismatches);
        }

        public boolean balanced() {
            return mismatches.isEmpty() && journalTotals.values().stream().allMatch(total -> total == 0);
        }
    }

    /** An account whose ledger balance is not what the operational records say. */
    record Mismatch(String account, String owner, Currency currency, long ledgerMinor, long expectedMinor) {}
}
