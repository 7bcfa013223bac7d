package network.peere.core.ports.out;

import java.util.List;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.TrialBalance;
import network.peere.core.domain.shared.Mode;

/** The double-entry journal: append balanced transactions, never change them. Joins the caller's transaction. */
public interface LedgerJournal {
    void post(JournalTransaction transaction);

    /** Every transaction recorded for one reference (a charge's, a refund's), oldest first. */
    List<JournalTransaction> forReference(Mode mode, String reference);

    TrialBalance trialBalance(Mode mode);
}
