package network.peere.core.domain.recurring;

import java.util.Set;

/**
 * One period's run: {@code scheduled → notified → submitted (waiting for the bank) → paid | retrying | failed}, and
 * {@code retrying → submitted} again. A run waiting at the bank is {@code submitted}, never mistaken for a failure.
 */
public enum RunState {
    SCHEDULED,
    NOTIFIED,
    SUBMITTED,
    RETRYING,
    PAID,
    FAILED;

    public boolean canBecome(RunState next) {
        return switch (this) {
            case SCHEDULED -> Set.of(NOTIFIED, SUBMITTED, RETRYING, FAILED).contains(next);
            case NOTIFIED -> Set.of(SUBMITTED, RETRYING, FAILED).contains(next);
            case SUBMITTED -> Set.of(PAID, RETRYING, FAILED).contains(next);
            case RETRYING -> Set.of(SUBMITTED, RETRYING, FAILED).contains(next);
            case PAID, FAILED -> false;
        };
    }

    public boolean isFinal() {
        return this == PAID || this == FAILED;
    }
}
