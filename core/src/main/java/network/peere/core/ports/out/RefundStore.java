package network.peere.core.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** Refunds. Joins the caller's transaction. */
public interface RefundStore {
    void insert(Refund refund);

    /**
     * Stores a changed refund only if the stored one is still at {@code changed.version() - 1}.
     *
     * @return false when someone else changed it first
     */
    boolean update(Refund changed);

    Optional<Refund> find(Mode mode, String id);

    /** A charge's refunds, oldest first. */
    List<Refund> forCharge(Mode mode, String chargeId);

    /** The refunds of the merchants in scope, newest first then by id. */
    Page<Refund> list(Mode mode, MerchantScope merchants, PageRequest page);

    /** Refunds that have not failed, summed per merchant and currency: amount and fee given back. */
    List<MoneyTotal> notFailedByMerchant(Mode mode);

    /** Completed refunds summed per bank and currency: amount (fee 0). */
    List<MoneyTotal> completedByBank(Mode mode);

    /** One bank's refunds still pending or processing, created before {@code createdBefore}, oldest first. */
    List<Refund> awaitingBank(Mode mode, ParticipantId bankId, Instant createdBefore, int limit);
}
