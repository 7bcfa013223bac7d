package network.peere.core.ports.in.money;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.settlement.PayoutStatus;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;

/**
 * Settlement (docs/settlement.md): daily windows per merchant and currency close at midnight in the network's time
 * zone and settle the day after (T+1); each nets what the merchant's payable account moved into a payout
 * instruction, or carries a negative net into the next window. Settling is safe from several processes at once and
 * after a crash: a window is claimed once, and every journal transaction is taken by one window only.
 */
public interface SettleMerchants {
    /** Settles every window that is due; returns how many settlements were made. */
    int settleDue(int limit);

    /**
     * Sandbox only: settles today's windows now too, so a developer need not wait for midnight to see a settlement;
     * what arrives later today lands in tomorrow's window (the fence that keeps every entry in one window holds).
     * Live mode is refused with {@link network.peere.core.ports.in.billing.BillingProblem#SIMULATION_NOT_ALLOWED}.
     */
    Result<Integer> closeToday(Mode mode, int limit);

    Result<Page<Settlement>> list(Caller caller, Query query, PageRequest page);

    /** With its lines. For the merchant or its provider. */
    Result<Settlement> find(Caller caller, String settlementId);

    /** The operator (or the paying bank's integration through it) records what happened to a payout. */
    Result<Settlement> markPayout(Mode mode, String settlementId, PayoutStatus status);

    Result<PayoutAccount> setPayoutAccount(Caller caller, PayoutAccount account);

    Result<Optional<PayoutAccount>> payoutAccount(Caller caller);

    /** Windows starting in [from, to). */
    record Query(Optional<Instant> from, Optional<Instant> to) {
        public Query {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        public static Query all() {
            return new Query(Optional.empty(), Optional.empty());
        }
    }
}
