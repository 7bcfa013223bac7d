package network.peere.core.domain.recurring;

import java.util.Set;

/**
 * A recurring schedule's state. {@code cancelled} (by the merchant, or the agreement was revoked), {@code failed} (a
 * run failed for good, or the agreement ended) and {@code completed} (its last billing went out: {@code maxBillings}
 * reached or the next period past its end) are final.
 */
public enum ScheduleStatus {
    ACTIVE,
    PAUSED,
    CANCELLED,
    FAILED,
    COMPLETED;

    public boolean canBecome(ScheduleStatus next) {
        return switch (this) {
            case ACTIVE -> Set.of(PAUSED, CANCELLED, FAILED, COMPLETED).contains(next);
            case PAUSED -> Set.of(ACTIVE, CANCELLED, FAILED, COMPLETED).contains(next);
            case CANCELLED, FAILED, COMPLETED -> false;
        };
    }

    public boolean isFinal() {
        return this == CANCELLED || this == FAILED || this == COMPLETED;
    }
}
