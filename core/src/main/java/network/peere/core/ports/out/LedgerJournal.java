package network.peere.core.ports.out;

import java.util.List;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.TrialBalance;
import network.peere.core.domain.shared.Mode;

/** The double-entry journal: append balanced transactions, never change them. Joins the caller's transaction. */
public interface LedgerJournal {
    void post(JournalTransaction transaction);

    /** {@link #post} for several transactions in one go (a few round trips for all of them where the database allows). */
    void postAll(java.util.List<JournalTransaction> transactions);

    /** Every transaction recorded for one reference (a charge's, a refund's), oldest first. */
    List<JournalTransaction> forReference(Mode mode, String reference);

    TrialBalance trialBalance(Mode mode);

    /**
     * Hands every journal transaction with a posting on {@code account} in {@code currency}, that occurred before
     * {@code before} and no settlement has taken yet, to {@code settlementId}; answers them oldest first. A transaction
     * is taken by one settlement only (a unique key), so a confirmation committed while a window closes lands in the
     * next window instead of being lost or counted twice.
     */
    List<JournalTransaction> claimForSettlement(
            Mode mode, Account account, java.util.Currency currency, java.time.Instant before, String settlementId);

    /** Hands one transaction (a payout) to a settlement. */
    void assignToSettlement(Mode mode, String transactionId, Account account, String settlementId);

    /**
     * The accounts of {@code type} with postings no settlement has taken, that occurred before {@code before}, each
     * with its currency and the earliest such posting's time; at most {@code limit}.
     */
    List<Unsettled> unsettled(Mode mode, AccountType type, java.time.Instant before, int limit);

    /**
     * Of {@code references}, those with a journal transaction that a settlement has taken on an account of
     * {@code type}: for a charge's confirmation on {@code MERCHANT_PAYABLE}, the charge is in a merchant's settlement.
     * One read for a page of references.
     */
    java.util.Set<String> settledReferences(Mode mode, AccountType type, java.util.Collection<String> references);

    record Unsettled(Account account, java.util.Currency currency, java.time.Instant earliest) {}
}
