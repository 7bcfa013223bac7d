package network.peere.core.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** Billing requests. Joins the caller's transaction. */
public interface ChargeStore {
    /**
     * A new charge. Inside a transaction the write may be sent later, with the transaction's next statement or its
     * commit (one round trip for several writes where the database allows); if it fails, the transaction fails.
     */
    void insert(Charge charge);

    /**
     * Stores a changed charge only if the stored one is still at {@code changed.version() - 1}: of two bank answers
     * (or an answer and the expiry) exactly one wins.
     *
     * @return false when someone else changed it first
     */
    boolean update(Charge changed);

    /**
     * {@link #update}, for a charge whose row the caller's transaction holds locked (read with {@link #lock} or {@link
     * #lockAll}), so it cannot have changed: the write may be sent later, with the transaction's next statement or its
     * commit, and if it does not find the row at its version the transaction fails.
     */
    void updateLocked(Charge changed);

    Optional<Charge> find(Mode mode, String id);

    /**
     * Like {@link #find}, holding the row's lock until the transaction ends, and reading the charge as last committed
     * (not as the transaction's snapshot): a bank's answer decides on the charge's real state, so an answer racing the
     * expiry sweep is told the request expired, never that it was answered.
     */
    Optional<Charge> lock(Mode mode, String id);

    /**
     * {@link #lock} for several charges in one read, taking their row locks in id order (so two callers locking
     * overlapping sets never wait on each other crosswise); ids that name no charge of {@code mode} are left out.
     *
     * @return the charges found, in id order
     */
    List<Charge> lockAll(Mode mode, java.util.Collection<String> ids);

    /**
     * Adds to what a confirmed charge has refunded, only if the total stays within its amount (a conditional update:
     * concurrent refunds can never take more than the charge).
     *
     * @return false when the charge is not confirmed or the refund would exceed what remains
     */
    boolean addRefunded(Mode mode, String chargeId, long minor);

    /** Gives back what {@link #addRefunded} took, when the refund fails. */
    void subtractRefunded(Mode mode, String chargeId, long minor);

    /** Confirmed charges summed per merchant and currency: amount and fee. */
    java.util.List<MoneyTotal> confirmedByMerchant(Mode mode);

    /** Confirmed charges summed per bank and currency: amount (fee 0). */
    java.util.List<MoneyTotal> confirmedByBank(Mode mode);

    /** How many of the agreement's charges still hold their reservation (pending at the bank, or confirmed). */
    int countHolding(Mode mode, String agreementId);

    /** Newest first, then by id. */
    Page<Charge> list(Mode mode, ChargeFilter filter, PageRequest page);

    /** Charges (any mode) still pending at the bank after their due time, oldest first. */
    List<Charge> dueForExpiry(Instant now, int limit);

    /** One bank's pending charges accepted before {@code acceptedBefore}, oldest first (the sandbox bank answers). */
    default List<Charge> awaitingBank(Mode mode, ParticipantId bankId, Instant acceptedBefore, int limit) {
        return awaitingBank(mode, bankId, acceptedBefore, NO_CENTS_SKIPPED, limit);
    }

    /** For {@link #awaitingBank(Mode, ParticipantId, Instant, long, int)}: no amount is skipped. */
    long NO_CENTS_SKIPPED = -1;

    /**
     * As {@link #awaitingBank(Mode, ParticipantId, Instant, int)}, leaving out the charges whose amount in minor units
     * ends in {@code skippedCents} (0-99): the sandbox bank leaves those unanswered until they expire, and however
     * many wait, they never hide the charges behind them.
     */
    List<Charge> awaitingBank(Mode mode, ParticipantId bankId, Instant acceptedBefore, long skippedCents, int limit);
}
