package network.peere.core.domain.recurring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;

/** The schedule's and the run's state machines. */
class ScheduleAndRunTest {
    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");
    private static final Instant JAN_31 = Instant.parse("2027-01-31T08:00:00Z");
    private static final Instant MAR_31 = Instant.parse("2027-03-31T08:00:00Z");

    private static Schedule schedule(List<Integer> offsets, int retries) {
        return schedule(offsets, retries, Schedule.Ending.NONE);
    }

    private static Schedule schedule(List<Integer> offsets, int retries, Schedule.Ending ending) {
        return Schedule.create(
                "rsc_1",
                new Schedule.Parties(
                        Mode.SANDBOX,
                        new ParticipantId("mer_1"),
                        new ParticipantId("bank_1"),
                        "cd_1",
                        new CustomerId("cus_1")),
                new Schedule.Terms(
                        Money.of(150_000, "NGN"),
                        "Gym",
                        Cadence.monthly(),
                        JAN_31,
                        offsets,
                        retries,
                        Optional.empty(),
                        ending,
                        Optional.empty()),
                LAGOS,
                JAN_31);
    }

    @Test
    void a_new_schedule_is_due_at_its_anchor_and_notices_go_out_longest_offset_first() {
        var s = schedule(List.of(3, 7), 0).advanced(JAN_31);

        assertThat(s.noticeOffsetDays()).containsExactly(7, 3);
        assertThat(s.nextDueAt()).isEqualTo(Instant.parse("2027-02-28T08:00:00Z"));
        assertThat(s.nextActionAt()).isEqualTo(Instant.parse("2027-02-21T08:00:00Z"));
        assertThat(s.noticesDueBy(Instant.parse("2027-02-25T08:00:00Z"))).isEqualTo(2);
        assertThat(s.noticed(1, JAN_31).nextActionAt()).isEqualTo(Instant.parse("2027-02-25T08:00:00Z"));
        assertThat(s.noticed(2, JAN_31).nextActionAt()).isEqualTo(s.nextDueAt());
    }

    @Test
    void resuming_skips_the_periods_that_fell_due_while_paused() {
        var paused = schedule(List.of(3), 0).advanced(JAN_31).pause(JAN_31.plusSeconds(60));

        var resumed = paused.resume(Instant.parse("2027-04-15T00:00:00Z"));

        assertThat(resumed.status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(resumed.nextPeriod()).isEqualTo(3);
        assertThat(resumed.nextDueAt()).isEqualTo(Instant.parse("2027-04-30T08:00:00Z"));
    }

    @Test
    void an_ending_excludes_periods_from_max_billings_on_and_those_due_at_or_after_its_end() {
        var threeBillings = new Schedule.Ending(Optional.of(3L), Optional.empty());
        var endOfMarch = new Schedule.Ending(Optional.empty(), Optional.of(MAR_31));

        assertThat(threeBillings.excludes(2, MAR_31)).isFalse();
        assertThat(threeBillings.excludes(3, JAN_31)).isTrue();
        assertThat(endOfMarch.excludes(99, MAR_31.minusNanos(1000))).isFalse();
        assertThat(endOfMarch.excludes(0, MAR_31)).isTrue();
        assertThat(endOfMarch.excludes(0, MAR_31.plusSeconds(1))).isTrue();
        assertThat(Schedule.Ending.NONE.excludes(Cadence.PERIOD_MAX, MAR_31)).isFalse();
        assertThat(Schedule.Ending.once().excludes(1, JAN_31)).isTrue();
        assertThatThrownBy(() -> new Schedule.Ending(Optional.of(0L), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new Schedule.Ending(Optional.of(Schedule.Ending.MAX_BILLINGS_MAX + 1), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_schedule_completes_when_its_last_billing_goes_out() {
        var once = schedule(List.of(), 0, Schedule.Ending.once()).advanced(JAN_31);
        var twice = schedule(List.of(), 0, new Schedule.Ending(Optional.of(2L), Optional.empty()))
                .advanced(JAN_31);

        assertThat(once.status()).isEqualTo(ScheduleStatus.COMPLETED);
        assertThat(once.nextPeriod()).isEqualTo(1);
        assertThat(twice.status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(twice.advanced(JAN_31).status()).isEqualTo(ScheduleStatus.COMPLETED);
    }

    @Test
    void a_schedule_completes_before_the_first_period_due_at_or_after_its_end() {
        // Periods fall due Jan 31, Feb 28, Mar 31 (08:00 UTC): the end is exactly when period 2 falls due.
        var s = schedule(List.of(), 0, new Schedule.Ending(Optional.empty(), Optional.of(MAR_31)));

        var first = s.advanced(JAN_31);
        var second = first.advanced(JAN_31);

        assertThat(first.status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(second.status()).isEqualTo(ScheduleStatus.COMPLETED);
        assertThat(second.nextPeriod()).isEqualTo(2);
    }

    @Test
    void resuming_past_the_end_completes_the_schedule() {
        var paused = schedule(List.of(), 0, new Schedule.Ending(Optional.empty(), Optional.of(MAR_31)))
                .advanced(JAN_31)
                .pause(JAN_31);

        var beforeTheEnd = paused.resume(Instant.parse("2027-02-01T00:00:00Z"));
        var pastTheEnd = paused.resume(Instant.parse("2027-03-01T00:00:00Z"));

        assertThat(beforeTheEnd.status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(beforeTheEnd.nextPeriod()).isEqualTo(1);
        assertThat(pastTheEnd.status()).isEqualTo(ScheduleStatus.COMPLETED);
        assertThat(pastTheEnd.nextPeriod()).isEqualTo(2);
    }

    @Test
    void completed_is_final() {
        var completed = schedule(List.of(), 0, Schedule.Ending.once()).advanced(JAN_31);

        assertThat(completed.status().isFinal()).isTrue();
        assertThatThrownBy(() -> completed.advanced(JAN_31)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> completed.pause(JAN_31)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> completed.resume(JAN_31)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> completed.cancel(JAN_31)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancelled_and_failed_are_final() {
        var cancelled = schedule(List.of(), 0).cancel(JAN_31);

        assertThatThrownBy(() -> cancelled.resume(JAN_31)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cancelled.fail(JAN_31)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> schedule(List.of(), 0).fail(JAN_31).pause(JAN_31))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void notice_offsets_are_one_to_thirty_days_at_most_five() {
        assertThatThrownBy(() -> schedule(List.of(0), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule(List.of(31), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule(List.of(1, 2, 3, 4, 5, 6), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_run_goes_scheduled_notified_submitted_paid() {
        var run = Run.of(schedule(List.of(3), 0), JAN_31);

        var paid = run.notified(JAN_31).submitted("txn_1", JAN_31).paid(JAN_31);

        assertThat(paid.state()).isEqualTo(RunState.PAID);
        assertThat(paid.attempts()).isEqualTo(1);
        assertThat(paid.chargeId()).contains("txn_1");
        assertThatThrownBy(() -> paid.submitted("txn_2", JAN_31)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_declined_run_fails_at_once_with_no_retries_and_retries_a_day_later_while_they_last() {
        var submitted = Run.of(schedule(List.of(), 0), JAN_31).submitted("txn_1", JAN_31);

        assertThat(submitted
                        .declined("insufficient_funds", Run.Retry.ALLOWED, 0, JAN_31)
                        .state())
                .isEqualTo(RunState.FAILED);

        var retrying = submitted.declined("insufficient_funds", Run.Retry.ALLOWED, 1, JAN_31);
        assertThat(retrying.state()).isEqualTo(RunState.RETRYING);
        assertThat(retrying.retryAt()).contains(JAN_31.plus(Duration.ofDays(1)));
        var again = retrying.submitted("txn_2", JAN_31).declined("insufficient_funds", Run.Retry.ALLOWED, 1, JAN_31);
        assertThat(again.state()).isEqualTo(RunState.FAILED);
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    void a_run_on_an_ended_agreement_never_retries() {
        var run = Run.of(schedule(List.of(), 5), JAN_31);

        var refused = run.refused("agreement_revoked", Run.Retry.NOT_ALLOWED, 5, JAN_31);

        assertThat(refused.state()).isEqualTo(RunState.FAILED);
        assertThat(refused.failureReason()).contains("agreement_revoked");
    }
}
