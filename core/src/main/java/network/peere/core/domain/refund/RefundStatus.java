package network.peere.core.domain.refund;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A refund's life: the bank is asked, may say it is working on it, and then credits the customer or fails. */
public enum RefundStatus {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED;

    private static final Map<RefundStatus, Set<RefundStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(PROCESSING, COMPLETED, FAILED),
            PROCESSING, EnumSet.of(COMPLETED, FAILED),
            COMPLETED, EnumSet.noneOf(RefundStatus.class),
            FAILED, EnumSet.noneOf(RefundStatus.class));

    public boolean canBecome(RefundStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
