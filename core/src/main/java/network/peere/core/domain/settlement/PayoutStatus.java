package network.peere.core.domain.settlement;

/**
 * A payout is an instruction, not a transfer: Peere does not move money. {@code none} when a window nets to zero or
 * less (carried into the next); {@code pending} until the operator (or the paying bank's integration) marks it.
 */
public enum PayoutStatus {
    NONE,
    PENDING,
    PAID,
    FAILED;

    public boolean canBecome(PayoutStatus next) {
        return this == PENDING && (next == PAID || next == FAILED);
    }
}
