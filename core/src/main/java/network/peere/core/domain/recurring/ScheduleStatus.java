package network.peere.core.domain.recurring;

import java.util.Set;

/**
 * A recurring schedule's state. {@code cancelled} (by the merchant) and {@code failed} (a run failed for good, or the
 * agreement ended) are final.
 */
public enum ScheduleStatus {
    ACTIVE,
    PAUSED,
    CANCELLED,
    FAILED;

    public boolean canBecome(ScheduleStatus next) {
        return switch (this) {
            case ACTIVE -> Set.of(PAUSED, CANCELLED, FAILED).contains(next);
            case PAUSED -> Set.of(ACTIVE, CANCELLED, FAILED).contains(next);
            case CANCELLED, FAILED -> false;
        };
    }

    public boolean isFinal() {
        return this == CANCELLED || this == FAILED;
    }
}
