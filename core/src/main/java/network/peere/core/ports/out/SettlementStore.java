package network.peere.core.ports.out;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/**
 * Settlements and their lines. A window is settled once: {@link #claimWindow} is the fence two runners meet at.
 * Joins the caller's transaction.
 */
public interface SettlementStore {
    /**
     * Takes the window (mode, merchant, currency, start) for {@code settlementId}, or answers false when another
     * settlement has it (a concurrent runner waits here until the first commits, then gets false).
     */
    boolean claimWindow(
            Mode mode, ParticipantId merchantId, Currency currency, Instant windowStart, String settlementId);

    /** Stores the settlement (with its lines) whose window {@link #claimWindow} took. */
    void insert(Settlement settlement);

    /** Changes a payout status; false when the stored one is not at {@code changed.version() - 1}. */
    boolean update(Settlement changed);

    Optional<Settlement> find(Mode mode, String id);

    /** The merchant's latest settlement in that currency (the one whose carry the next window takes in). */
    Optional<Settlement> latest(Mode mode, ParticipantId merchantId, Currency currency);

    /** Payouts summed per merchant and currency (amount; fee 0), whatever their status. */
    java.util.List<MoneyTotal> payoutsByMerchant(Mode mode);

    /**
     * The settlements of the merchants in scope whose window starts in [from, to), newest window first then by id; no
     * lines.
     */
    Page<Settlement> list(
            Mode mode, MerchantScope merchants, Optional<Instant> from, Optional<Instant> to, PageRequest page);
}
