package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.peere.app.testing.StoreBackend;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.recurring.Cadence;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.RunState;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.recurring.ManageSchedules;
import org.junit.jupiter.api.Test;

/** Recurring schedules renewed by the engine on a clock the test moves, on one store implementation. */
abstract class RecurringUseCasesContract extends BillingFixture {
    /** 09:00 in Lagos on January 31st. */
    private static final Instant JAN_31 = Instant.parse("2027-01-31T08:00:00Z");

    RecurringUseCasesContract(StoreBackend backend) {
        super(backend);
    }

    private Caller merchantCaller() {
        return Caller.of(principal(merchant));
    }

    private ManageSchedules.Create create(Agreement agreement, List<Integer> notices, int retries) {
        return new ManageSchedules.Create(
                merchantCaller(),
                agreement.customerId().value(),
                agreement.agreementPhrase(),
                new BigDecimal("1500"),
                Optional.empty(),
                Optional.of("Gym membership"),
                Cadence.monthly(),
                new ManageSchedules.Start.Now(),
                notices,
                retries,
                Optional.empty(),
                ManageSchedules.Ends.NEVER);
    }

    private Schedule schedule(Agreement agreement, List<Integer> notices, int retries) {
        return ok(peere.manageSchedules().create(create(agreement, notices, retries)));
    }

    private Agreement recurringAgreement() {
        return approvedAgreement(IntentType.RECURRING, Map.of());
    }

    private int runDue() {
        return peere.runRenewals().runDue(100);
    }

    private List<Run> runs(Schedule schedule) {
        return ok(peere.manageSchedules().get(merchantCaller(), schedule.id())).runs();
    }

    private Run latest(Schedule schedule) {
        return runs(schedule).getFirst();
    }

    private Schedule reread(Schedule schedule) {
        return ok(peere.manageSchedules().get(merchantCaller(), schedule.id())).schedule();
    }

    private void at(Instant instant) {
        now.set(instant);
    }

    @Test
    void a_blocked_merchant_starts_no_schedule_and_its_running_one_is_refused_and_retried() {
        Agreement agreement = recurringAgreement();
        Schedule running = schedule(agreement, List.of(), 3);
        var block = new AnswerIntents.Change(
                principal(bank), agreement.id(), Optional.empty(), Optional.empty(), Optional.of(true));
        ok(peere.answerIntents().change(block));

        assertThat(peere.manageSchedules().create(create(agreement, List.of(), 0)))
                .isEqualTo(Result.refused(BillingProblem.MERCHANT_BLOCKED));
        runDue();
        assertThat(latest(running).state()).isEqualTo(RunState.RETRYING);
        assertThat(reread(running).status()).isEqualTo(ScheduleStatus.ACTIVE);
    }

    @Test
    void a_monthly_schedule_renews_over_months_keeping_the_january_31_anchor_with_a_notice_3_days_before() {
        at(JAN_31);
        Schedule schedule = schedule(recurringAgreement(), Schedule.DEFAULT_NOTICE_OFFSETS, 0);
        assertThat(schedule.status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(schedule.nextDueAt()).isEqualTo(JAN_31);

        assertThat(runDue()).isEqualTo(1);
        Run first = latest(schedule);
        assertThat(first.state()).isEqualTo(RunState.SUBMITTED);
        assertThat(chargeOf(first).amount().toMajor()).isEqualByComparingTo("1500");
        ok(answer(chargeOf(first), CustomerDecision.APPROVE_RECURRING));
        assertThat(latest(schedule).state()).isEqualTo(RunState.PAID);
        assertThat(reread(schedule).nextDueAt()).isEqualTo(Instant.parse("2027-02-28T08:00:00Z"));

        at(Instant.parse("2027-02-25T07:59:59Z"));
        assertThat(runDue()).isZero();
        at(Instant.parse("2027-02-25T08:00:00Z"));
        assertThat(runDue()).isEqualTo(1);
        Run noticed = latest(schedule);
        assertThat(noticed.period()).isEqualTo(1);
        assertThat(noticed.state()).isEqualTo(RunState.NOTIFIED);
        assertThat(noticed.notifiedAt()).contains(Instant.parse("2027-02-25T08:00:00Z"));
        assertThat(noticed.amount().toMajor()).isEqualByComparingTo("1500");
        assertThat(runDue()).as("one notice per offset").isZero();

        for (String due : List.of("2027-02-28T08:00:00Z", "2027-03-31T08:00:00Z", "2027-04-30T08:00:00Z")) {
            at(Instant.parse(due).minus(Duration.ofDays(3)));
            runDue();
            at(Instant.parse(due));
            assertThat(runDue()).isEqualTo(1);
            ok(answer(chargeOf(latest(schedule)), CustomerDecision.APPROVE_RECURRING));
        }

        assertThat(runs(schedule))
                .extracting(Run::dueAt, Run::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2027-04-30T08:00:00Z"), RunState.PAID),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2027-03-31T08:00:00Z"), RunState.PAID),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2027-02-28T08:00:00Z"), RunState.PAID),
                        org.assertj.core.groups.Tuple.tuple(JAN_31, RunState.PAID));
        assertThat(reread(schedule).nextDueAt()).isEqualTo(Instant.parse("2027-05-31T08:00:00Z"));
    }

    @Test
    void insufficient_funds_fails_the_run_and_the_schedule_with_the_default_no_retry() {
        at(JAN_31);
        Schedule schedule = schedule(recurringAgreement(), List.of(), 0);
        runDue();

        Charge declined = decline(latest(schedule), "insufficient_funds");

        assertThat(declined.status()).isEqualTo(ChargeStatus.FAILED);
        Run run = latest(schedule);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.failureReason()).contains("insufficient_funds");
        assertThat(reread(schedule).status()).isEqualTo(ScheduleStatus.FAILED);
        at(Instant.parse("2027-03-01T08:00:00Z"));
        assertThat(runDue()).as("a failed schedule charges nothing more").isZero();
    }

    @Test
    void a_declined_run_is_retried_a_day_later_when_the_schedule_allows_it() {
        at(JAN_31);
        Schedule schedule = schedule(recurringAgreement(), List.of(), 1);
        runDue();
        decline(latest(schedule), "insufficient_funds");
        assertThat(latest(schedule).state()).isEqualTo(RunState.RETRYING);
        assertThat(reread(schedule).status()).isEqualTo(ScheduleStatus.ACTIVE);

        at(JAN_31.plus(Duration.ofDays(1)).minusSeconds(1));
        assertThat(runDue()).isZero();
        at(JAN_31.plus(Duration.ofDays(1)));
        assertThat(runDue()).isEqualTo(1);
        Run retried = latest(schedule);
        assertThat(retried.state()).isEqualTo(RunState.SUBMITTED);
        assertThat(retried.attempts()).isEqualTo(2);
        ok(answer(chargeOf(retried), CustomerDecision.APPROVE_RECURRING));

        assertThat(latest(schedule).state()).isEqualTo(RunState.PAID);
        assertThat(runs(schedule)).hasSize(1);
    }

    @Test
    void a_merchant_revoking_the_agreement_cancels_the_schedule_and_no_later_period_is_charged() {
        at(JAN_31);
        Agreement agreement = recurringAgreement();
        Schedule schedule = schedule(agreement, List.of(), 3);
        runDue();
        ok(answer(chargeOf(latest(schedule)), CustomerDecision.APPROVE_RECURRING));
        ok(peere.answerIntents().revoke(merchantCaller(), agreement.id()));

        assertThat(reread(schedule).status()).isEqualTo(ScheduleStatus.CANCELLED);
        at(Instant.parse("2027-02-28T08:00:00Z"));
        assertThat(runDue()).isZero();
        assertThat(runs(schedule))
                .singleElement()
                .satisfies(run -> assertThat(run.state()).isEqualTo(RunState.PAID));
    }

    @Test
    void a_paused_schedule_skips_the_periods_due_until_it_is_resumed() {
        at(JAN_31);
        Schedule schedule = schedule(recurringAgreement(), List.of(), 0);
        runDue();
        ok(answer(chargeOf(latest(schedule)), CustomerDecision.APPROVE_RECURRING));
        ok(peere.manageSchedules().pause(merchantCaller(), schedule.id()));
        assertThat(peere.manageSchedules().pause(merchantCaller(), schedule.id()))
                .isEqualTo(Result.refused(BillingProblem.SCHEDULE_STATUS_CONFLICT));

        at(Instant.parse("2027-04-10T08:00:00Z"));
        assertThat(runDue()).isZero();
        Schedule resumed = ok(peere.manageSchedules().resume(merchantCaller(), schedule.id()));

        assertThat(resumed.status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(resumed.nextDueAt()).isEqualTo(Instant.parse("2027-04-30T08:00:00Z"));
        at(Instant.parse("2027-04-30T08:00:00Z"));
        assertThat(runDue()).isEqualTo(1);
        assertThat(runs(schedule)).extracting(Run::period).containsExactly(3L, 0L);
    }

    @Test
    void two_engines_running_at_once_charge_each_due_period_once() throws Exception {
        at(JAN_31);
        Agreement agreement = recurringAgreement();
        List<Schedule> schedules = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            schedules.add(schedule(agreement, List.of(), 0));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService engines = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(engines.submit(() -> {
                    start.await();
                    try {
                        return runDue();
                    } catch (RuntimeException deadlockOrLockTimeout) {
                        // A step that failed rolled back; the next run picks its work up.
                        return 0;
                    }
                }));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            engines.shutdownNow();
        }
        runDue();

        for (Schedule schedule : schedules) {
            assertThat(runs(schedule)).hasSize(1);
            assertThat(latest(schedule).state()).isEqualTo(RunState.SUBMITTED);
        }
        assertThat(opened.stores().charges().countHolding(Mode.SANDBOX, agreement.id()))
                .isEqualTo(schedules.size());
        for (Schedule schedule : schedules) {
            ok(answer(chargeOf(latest(schedule)), CustomerDecision.APPROVE_RECURRING));
        }
    }

    @Test
    void a_schedule_needs_an_approve_recurring_agreement_of_its_customer() {
        at(JAN_31);
        Agreement once = approvedAgreement(IntentType.ONE_TIME, Map.of());
        Agreement recurring = recurringAgreement();
        var wrongCustomer = new ManageSchedules.Create(
                merchantCaller(),
                "cus_someone_else",
                recurring.agreementPhrase(),
                new BigDecimal("1500"),
                Optional.empty(),
                Optional.empty(),
                Cadence.monthly(),
                new ManageSchedules.Start.Now(),
                List.of(),
                0,
                Optional.empty(),
                ManageSchedules.Ends.NEVER);

        assertThat(peere.manageSchedules().create(create(once, List.of(), 0)))
                .isEqualTo(Result.refused(BillingProblem.AGREEMENT_NOT_RECURRING));
        assertThat(peere.manageSchedules().create(wrongCustomer))
                .isEqualTo(Result.refused(BillingProblem.AGREEMENT_NOT_FOUND));
        assertThat(peere.manageSchedules().get(Caller.of(principal(otherMerchant)), "rsc_nope"))
                .isEqualTo(Result.refused(BillingProblem.SCHEDULE_NOT_FOUND));
    }

    @Test
    void a_schedule_with_max_billings_completes_after_its_last_period_and_an_end_date_before_the_start_is_refused() {
        at(JAN_31);
        Agreement agreement = recurringAgreement();
        var base = create(agreement, List.of(), 0);
        var twice = new ManageSchedules.Create(
                base.caller(),
                base.customerId(),
                base.agreementPhrase(),
                base.amount(),
                base.currency(),
                base.description(),
                base.cadence(),
                base.start(),
                base.noticeOffsetDays(),
                base.retries(),
                base.metadata(),
                new ManageSchedules.Ends(Optional.of(2L), Optional.empty()));
        Schedule schedule = ok(peere.manageSchedules().create(twice));

        runDue();
        ok(answer(chargeOf(latest(schedule)), CustomerDecision.APPROVE_RECURRING));
        assertThat(reread(schedule).status()).isEqualTo(ScheduleStatus.ACTIVE);
        at(Instant.parse("2027-02-28T08:00:00Z"));
        assertThat(runDue()).isEqualTo(1);
        assertThat(reread(schedule).status()).isEqualTo(ScheduleStatus.COMPLETED);
        at(Instant.parse("2027-03-31T08:00:00Z"));
        assertThat(runDue()).as("a completed schedule bills nothing more").isZero();
        assertThat(runs(schedule)).hasSize(2);

        var endsBeforeStart = new ManageSchedules.Create(
                base.caller(),
                base.customerId(),
                base.agreementPhrase(),
                base.amount(),
                base.currency(),
                base.description(),
                base.cadence(),
                new ManageSchedules.Start.OnDate(java.time.LocalDate.parse("2027-06-01")),
                base.noticeOffsetDays(),
                base.retries(),
                base.metadata(),
                new ManageSchedules.Ends(
                        Optional.empty(),
                        Optional.of(new ManageSchedules.Start.OnDate(java.time.LocalDate.parse("2027-05-01")))));
        assertThat(peere.manageSchedules().create(endsBeforeStart))
                .isEqualTo(Result.refused(BillingProblem.INVALID_END));
    }

    @Test
    void revoking_the_agreement_cancels_its_schedules_at_once() {
        at(JAN_31);
        Agreement agreement = recurringAgreement();
        Schedule schedule = schedule(agreement, Schedule.DEFAULT_NOTICE_OFFSETS, 0);
        runDue();
        ok(answer(chargeOf(latest(schedule)), CustomerDecision.APPROVE_RECURRING));

        ok(peere.answerIntents().revoke(Caller.of(principal(bank)), agreement.id()));

        assertThat(reread(schedule).status()).isEqualTo(ScheduleStatus.CANCELLED);
        at(Instant.parse("2027-02-28T08:00:00Z"));
        assertThat(runDue()).isZero();
    }

    @Test
    void an_agreement_reaching_its_expiry_ends_its_schedules_and_bills_nothing_more() {
        at(JAN_31);
        Agreement agreement = recurringAgreement();
        Schedule schedule = schedule(agreement, List.of(), 0);
        runDue();
        ok(answer(chargeOf(latest(schedule)), CustomerDecision.APPROVE_RECURRING));
        Instant end = JAN_31.plus(java.time.Duration.ofDays(10));
        var expiry = new AnswerIntents.Change(
                principal(bank),
                agreement.id(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new AnswerIntents.Expiry(Optional.of(end))));
        ok(peere.answerIntents().change(expiry));

        // The next period (end of February) comes after the expiry but before any sweep: the engine leaves the
        // schedule to the sweep instead of failing it, so it ends one way, cancelled.
        at(Instant.parse("2027-03-01T08:00:00Z"));
        assertThat(runDue()).isZero();
        assertThat(reread(schedule).status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(peere.runBillingDeadlines().expireDue(100)).isEqualTo(1);

        assertThat(reread(schedule).status()).isEqualTo(ScheduleStatus.CANCELLED);
        at(Instant.parse("2027-03-31T08:00:00Z"));
        assertThat(runDue()).isZero();
        assertThat(runs(schedule)).hasSize(1);
    }
}
