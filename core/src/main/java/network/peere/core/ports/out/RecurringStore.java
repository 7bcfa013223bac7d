package network.peere.core.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleFilter;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/**
 * Recurring schedules and their runs. Joins the caller's transaction. Every change is a conditional update, and a
 * run's (schedule, period) is a unique key: of two engines claiming one period, exactly one inserts its run.
 */
public interface RecurringStore {
    void insert(Schedule schedule);

    /**
     * Stores a changed schedule only if the stored one is still at {@code changed.version() - 1}.
     *
     * @return false when someone else changed it first
     */
    boolean update(Schedule changed);

    /**
     * Ends an active or paused schedule as {@code failed}, whatever its version (a run's end decides it, whatever the
     * engine did to the schedule meanwhile).
     *
     * @return false when it was already cancelled or failed
     */
    boolean markFailed(Mode mode, String scheduleId, Instant at);

    Optional<Schedule> find(Mode mode, String id);

    /** The agreement's schedules that are not final (active or paused), oldest first. */
    List<Schedule> openForAgreement(Mode mode, String agreementId);

    /** Newest first, then by id. */
    Page<Schedule> list(Mode mode, ScheduleFilter filter, PageRequest page);

    /** Active schedules (any mode) with a notice or a period due by {@code now}, earliest first. */
    List<Schedule> dueSchedules(Instant now, int limit);

    /**
     * Claims the run's (schedule, period).
     *
     * @return false when that period already has a run: another engine claimed it
     */
    boolean insertRun(Run run);

    /** Stores a changed run only if the stored one is still at {@code changed.version() - 1}. */
    boolean updateRun(Run changed);

    Optional<Run> findRun(Mode mode, String scheduleId, long period);

    /** The run that submitted that billing request, if a run did. */
    Optional<Run> findRunByCharge(Mode mode, String chargeId);

    /** {@link #findRunByCharge} for several billing requests in one read: the runs found, in no particular order. */
    List<Run> findRunsByCharges(Mode mode, java.util.Collection<String> chargeIds);

    /** One schedule's runs, latest period first. */
    List<Run> runs(Mode mode, String scheduleId, int limit);

    /** Runs (any mode) waiting to retry by {@code now}, earliest first. */
    List<Run> dueRetries(Instant now, int limit);
}
