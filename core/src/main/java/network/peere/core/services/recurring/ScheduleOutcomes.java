package network.peere.core.services.recurring;

import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.Schedule;

/**
 * What a schedule's runs and end mean beyond the schedule: a payment link's payment moves on and its merchant gets a
 * callback. Called in the transaction of the change, so the callback is queued with it or not at all.
 */
public interface ScheduleOutcomes {
    ScheduleOutcomes NONE = new ScheduleOutcomes() {
        @Override
        public void runPaid(Schedule schedule, Run run) {}

        @Override
        public void runFailed(Schedule schedule, Run run) {}

        @Override
        public void cancelled(Schedule schedule, String reason) {}
    };

    /** A run's charge was confirmed. */
    void runPaid(Schedule schedule, Run run);

    /** A run failed for good (its schedule is {@code failed} with it). */
    void runFailed(Schedule schedule, Run run);

    /** The schedule was cancelled by the merchant, or its agreement revoked. */
    void cancelled(Schedule schedule, String reason);
}
