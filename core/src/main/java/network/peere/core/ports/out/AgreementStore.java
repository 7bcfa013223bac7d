package network.peere.core.ports.out;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/**
 * Billing intents and the agreements they become (one row each). Reads that decide money ({@link #lock},
 * {@link #lockByPhrase}) take the row's lock until the transaction ends, so a revocation, a suspension or a one-time
 * agreement's single use is never decided on a stale copy. Joins the caller's transaction.
 */
public interface AgreementStore {
    void insert(Agreement agreement);

    /**
     * Stores a changed agreement only if the stored one is still at {@code changed.version() - 1}.
     *
     * @return false when someone else changed it first
     */
    boolean update(Agreement changed);

    Optional<Agreement> find(Mode mode, String id);

    /** {@link #find} for several ids in one read, in id order; ids that name no agreement of {@code mode} are left out. */
    List<Agreement> findAll(Mode mode, Collection<String> ids);

    /** Like {@link #find}, holding the row's lock until the transaction ends. */
    Optional<Agreement> lock(Mode mode, String id);

    /** The agreement an {@code agreementPhrase} stands for, holding its row lock until the transaction ends. */
    Optional<Agreement> lockByPhrase(Mode mode, String agreementPhrase);

    /**
     * {@link #update}, for an agreement whose row the caller's transaction holds locked (read with {@link #lock},
     * {@link #lockByPhrase} or {@link #lockForBilling}), so it cannot have changed: the write may be sent later, with
     * the transaction's next statement or its commit, and if it does not find the row at its version the transaction
     * fails.
     */
    void updateLocked(Agreement changed);

    /** What a bill reads with its agreement's row lock ({@link #lockForBilling}). */
    record ForBilling(
            Agreement agreement, boolean merchantBlocked, Optional<ZoneId> activeBankZone, long merchantVersion) {
        public ForBilling {
            Objects.requireNonNull(agreement, "agreement");
            Objects.requireNonNull(activeBankZone, "activeBankZone");
        }
    }

    /**
     * {@link #lockByPhrase}, and in the same read (one round trip where the database allows) what a bill checks
     * besides: whether the customer blocked the agreement's merchant on this or any other of their agreements with it
     * (as {@link #isBlocked}), the time zone of the agreement's bank when that bank is active, and the version of the
     * agreement's merchant, 0 if there is none (so a bill can tell whether the merchant it was given is still
     * current). Those three are
     * read as last committed, taking no lock: only the agreement's row is locked.
     */
    Optional<ForBilling> lockForBilling(Mode mode, String agreementPhrase);

    /** The intent a bank answers, by the {@code reference} it received; holds the row lock. */
    Optional<Agreement> lockByIntentReference(Mode mode, ParticipantId bankId, String intentReference);

    /** Whether the customer blocked the merchant on any agreement (decisions.md: later intents are denied). */
    boolean isBlocked(Mode mode, ParticipantId bankId, CustomerId customerId, ParticipantId merchantId);

    /** The agreements of the merchants in scope, newest first then by id. */
    Page<Agreement> listForMerchants(Mode mode, MerchantScope merchants, AgreementFilter filter, PageRequest page);

    /** One of the bank's customers' agreements, newest first then by id. */
    Page<Agreement> listForCustomer(Mode mode, ParticipantId bankId, CustomerId customerId, PageRequest page);

    /** Unanswered intents (any mode) whose due date has passed, oldest first. */
    List<Agreement> dueForExpiry(Instant now, int limit);

    /** Live agreements (active or paused, any mode) whose bank-set expiry has come, earliest expiry first. */
    List<Agreement> pastExpiry(Instant now, int limit);

    /** Unanswered intents of one bank sent before {@code sentBefore}, oldest first (the sandbox bank answers them). */
    List<Agreement> awaitingBank(Mode mode, ParticipantId bankId, Instant sentBefore, int limit);
}
