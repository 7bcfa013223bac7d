package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_1;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_2;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_9;
import static network.peere.persistence.testing.TestMerchantScopes.merchant;
import static network.peere.persistence.testing.TestParticipants.T0;
import static network.peere.persistence.testing.TestSchedules.schedule;
import static network.peere.persistence.testing.TestSchedules.scheduleWithEverything;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.RunState;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleFilter;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RecurringStore;
import network.peere.persistence.testing.TestMerchantScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RecurringStore} does; one subclass per implementation. */
public abstract class RecurringStoreContract {
    private PeereStores stores;
    private RecurringStore recurring;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        recurring = stores.recurring();
    }

    private Schedule insert(Schedule schedule) {
        recurring.insert(schedule);
        return schedule;
    }

    private static ScheduleFilter merchants(MerchantScope scope) {
        return new ScheduleFilter(scope, Optional.empty(), Optional.empty());
    }

    @Test
    void a_schedule_reads_back_with_every_field() {
        var plain = insert(schedule(SANDBOX, "1", "mer_1", T0));
        var full = insert(scheduleWithEverything(LIVE, "2", T0).advanced(T0).noticed(2, T0));

        assertThat(recurring.find(SANDBOX, plain.id())).contains(plain);
        assertThat(recurring.find(LIVE, full.id())).contains(full);
        assertThat(recurring.find(SANDBOX, full.id())).isEmpty();
    }

    @Test
    void an_ending_with_one_limit_reads_back_and_a_completed_schedule_is_never_due() {
        var endsByDate = insert(schedule(
                SANDBOX, "1", "mer_1", T0, new Schedule.Ending(Optional.empty(), Optional.of(T0.plusSeconds(86_400)))));
        var once = insert(schedule(SANDBOX, "2", "mer_1", T0, Schedule.Ending.once()));
        var completed = once.advanced(T0.plusSeconds(1));

        assertThat(recurring.update(completed)).isTrue();

        assertThat(recurring.find(SANDBOX, endsByDate.id())).contains(endsByDate);
        assertThat(recurring.find(SANDBOX, once.id())).contains(completed);
        assertThat(completed.status()).isEqualTo(ScheduleStatus.COMPLETED);
        assertThat(recurring.dueSchedules(T0.plus(Duration.ofDays(400)), 10))
                .extracting(Schedule::id)
                .containsExactly(endsByDate.id());
        assertThat(recurring.markFailed(SANDBOX, once.id(), T0.plusSeconds(2))).isFalse();
    }

    @Test
    void an_agreements_open_schedules_are_its_active_and_paused_ones_oldest_first() {
        // All on agreement cd_1 but the last two (another mode, and cd_9).
        var older = insert(schedule(SANDBOX, "1", "mer_1", T0));
        var paused = insert(schedule(SANDBOX, "2", "mer_2", T0.plusSeconds(60)).pause(T0.plusSeconds(61)));
        var middle = insert(schedule(SANDBOX, "3", "mer_1", T0.plusSeconds(30)));
        insert(schedule(SANDBOX, "4", "mer_1", T0.plusSeconds(10)).cancel(T0.plusSeconds(11)));
        insert(schedule(SANDBOX, "5", "mer_1", T0.plusSeconds(20), Schedule.Ending.once())
                .advanced(T0));
        var failing = insert(schedule(SANDBOX, "6", "mer_1", T0.plusSeconds(40)));
        recurring.markFailed(SANDBOX, failing.id(), T0.plusSeconds(41));
        insert(schedule(LIVE, "7", "mer_1", T0));
        insert(scheduleWithEverything(SANDBOX, "8", T0));

        assertThat(recurring.openForAgreement(SANDBOX, "cd_1")).containsExactly(older, middle, paused);
        assertThat(recurring.openForAgreement(LIVE, "cd_1"))
                .extracting(Schedule::id)
                .containsExactly("rsc_7");
        assertThat(recurring.openForAgreement(SANDBOX, "cd_2")).isEmpty();
    }

    @Test
    void a_schedule_changes_only_from_the_version_it_was_read_at() {
        var created = insert(schedule(SANDBOX, "1", "mer_1", T0));
        var advanced = created.advanced(T0.plusSeconds(1));

        assertThat(recurring.update(advanced)).isTrue();
        assertThat(recurring.update(created.pause(T0.plusSeconds(2)))).isFalse();
        assertThat(recurring.find(SANDBOX, created.id())).contains(advanced);
    }

    @Test
    void marking_failed_ends_an_active_or_paused_schedule_once_whatever_its_version() {
        var active = insert(schedule(SANDBOX, "1", "mer_1", T0));
        var paused = insert(schedule(SANDBOX, "2", "mer_1", T0).pause(T0));
        var cancelled = insert(schedule(SANDBOX, "3", "mer_1", T0).cancel(T0));

        assertThat(recurring.markFailed(SANDBOX, active.id(), T0.plusSeconds(5)))
                .isTrue();
        assertThat(recurring.markFailed(SANDBOX, paused.id(), T0.plusSeconds(5)))
                .isTrue();
        assertThat(recurring.markFailed(SANDBOX, active.id(), T0.plusSeconds(6)))
                .isFalse();
        assertThat(recurring.markFailed(SANDBOX, cancelled.id(), T0.plusSeconds(5)))
                .isFalse();
        var failed = recurring.find(SANDBOX, active.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ScheduleStatus.FAILED);
        assertThat(failed.version()).isEqualTo(active.version() + 1);
        assertThat(failed.updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void lists_are_scoped_to_merchants_narrowed_by_customer_and_status_newest_first() {
        var older = insert(schedule(SANDBOX, "1", "mer_1", T0));
        var newer = insert(schedule(SANDBOX, "2", "mer_1", T0.plusSeconds(60)).pause(T0.plusSeconds(61)));
        insert(schedule(SANDBOX, "3", "mer_2", T0));
        insert(schedule(LIVE, "4", "mer_1", T0));
        var other = insert(scheduleWithEverything(SANDBOX, "5", T0.plusSeconds(30)));

        var all = recurring.list(SANDBOX, merchants(merchant("mer_1")), new PageRequest(0, 10));
        var second = recurring.list(SANDBOX, merchants(merchant("mer_1")), new PageRequest(1, 1));
        var paused = recurring.list(
                SANDBOX,
                new ScheduleFilter(merchant("mer_1"), Optional.empty(), Optional.of(ScheduleStatus.PAUSED)),
                PageRequest.first());
        var ofCustomer = recurring.list(
                SANDBOX,
                new ScheduleFilter(merchant("mer_1"), Optional.of("cus_9"), Optional.empty()),
                PageRequest.first());
        var pastTheEnd = recurring.list(SANDBOX, merchants(merchant("mer_1")), new PageRequest(50, 10));

        assertThat(all.items()).extracting(Schedule::id).containsExactly(newer.id(), other.id(), older.id());
        assertThat(all.total()).isEqualTo(3);
        assertThat(second.items()).extracting(Schedule::id).containsExactly(other.id());
        assertThat(second.total()).isEqualTo(3);
        assertThat(paused.items()).extracting(Schedule::id).containsExactly(newer.id());
        assertThat(ofCustomer.items()).extracting(Schedule::id).containsExactly(other.id());
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(3);
    }

    @Test
    void a_providers_list_holds_the_schedules_of_its_merchants_in_the_mode_as_they_are_now_in_pages() {
        TestMerchantScopes.register(stores.participants(), SANDBOX);
        var first = insert(schedule(SANDBOX, "1", "mer_1", T0));
        var second = insert(schedule(SANDBOX, "2", "mer_2", T0.plusSeconds(1)));
        var paused = insert(schedule(SANDBOX, "3", "mer_1", T0.plusSeconds(2)).pause(T0.plusSeconds(3)));
        var otherProvider = insert(schedule(SANDBOX, "other_provider", "mer_3", T0));
        insert(schedule(SANDBOX, "direct", "mer_4", T0));
        insert(schedule(SANDBOX, "of_a_live_merchant", "mer_5", T0));
        insert(schedule(SANDBOX, "of_the_provider_itself", "prov_1", T0));
        var otherMode = insert(schedule(LIVE, "other_mode", "mer_5", T0));

        var all = recurring.list(SANDBOX, merchants(PROV_1), new PageRequest(0, 10));
        var page = recurring.list(SANDBOX, merchants(PROV_1), new PageRequest(1, 1));
        var pastTheEnd = recurring.list(SANDBOX, merchants(PROV_1), new PageRequest(50, 10));
        var onlyPaused = recurring.list(
                SANDBOX,
                new ScheduleFilter(PROV_1, Optional.empty(), Optional.of(ScheduleStatus.PAUSED)),
                PageRequest.first());

        assertThat(all.items()).extracting(Schedule::id).containsExactly(paused.id(), second.id(), first.id());
        assertThat(all.total()).isEqualTo(3);
        assertThat(page.items()).extracting(Schedule::id).containsExactly(second.id());
        assertThat(page.total()).isEqualTo(3);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(3);
        assertThat(onlyPaused.items()).extracting(Schedule::id).containsExactly(paused.id());
        assertThat(onlyPaused.total()).isEqualTo(1);
        assertThat(listed(SANDBOX, PROV_2)).extracting(Schedule::id).containsExactly(otherProvider.id());
        assertThat(listed(LIVE, PROV_1)).extracting(Schedule::id).containsExactly(otherMode.id());
        assertThat(listed(SANDBOX, PROV_9)).isEmpty();

        TestMerchantScopes.moveTo(stores.participants(), SANDBOX, "mer_2", "prov_2");

        assertThat(listed(SANDBOX, PROV_1)).extracting(Schedule::id).containsExactly(paused.id(), first.id());
        assertThat(listed(SANDBOX, PROV_2)).extracting(Schedule::id).containsExactly(second.id(), otherProvider.id());
    }

    private List<Schedule> listed(Mode mode, MerchantScope scope) {
        var page = recurring.list(mode, merchants(scope), new PageRequest(0, 10));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items();
    }

    @Test
    void due_schedules_are_the_active_ones_with_a_notice_or_period_due_earliest_first_across_modes() {
        // Due at once at their anchors, a minute apart; the third is paused, the fourth not due for a month.
        var first = insert(schedule(LIVE, "1", "mer_1", T0));
        var second = insert(schedule(SANDBOX, "2", "mer_1", T0.plusSeconds(60)));
        insert(schedule(SANDBOX, "3", "mer_1", T0).pause(T0));
        insert(schedule(SANDBOX, "4", "mer_1", T0).advanced(T0));

        assertThat(recurring.dueSchedules(T0.plusSeconds(60), 10))
                .extracting(Schedule::id)
                .containsExactly(first.id(), second.id());
        assertThat(recurring.dueSchedules(T0.plusSeconds(60), 1))
                .extracting(Schedule::id)
                .containsExactly(first.id());
        // Each was first due for its 3-day notice, which its creation came too late for.
        assertThat(recurring.dueSchedules(T0.minus(Duration.ofDays(3)).minusSeconds(1), 10))
                .isEmpty();
    }

    @Test
    void the_period_key_rejects_a_second_run_for_the_same_period() {
        var schedule = insert(schedule(SANDBOX, "1", "mer_1", T0));
        var run = Run.of(schedule, T0).notified(T0);

        assertThat(recurring.insertRun(run)).isTrue();
        assertThat(recurring.insertRun(Run.of(schedule, T0.plusSeconds(1)))).isFalse();
        assertThat(recurring.findRun(SANDBOX, schedule.id(), 0)).contains(run);
        assertThat(recurring.findRun(LIVE, schedule.id(), 0)).isEmpty();
    }

    @Test
    void concurrent_claims_of_one_due_period_insert_exactly_one_run() throws Exception {
        var schedule = insert(schedule(SANDBOX, "1", "mer_1", T0));
        int claimants = 6;
        CyclicBarrier start = new CyclicBarrier(claimants);
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    try {
                        return stores.transactor().inTransaction(() -> recurring.insertRun(Run.of(schedule, T0)));
                    } catch (RuntimeException lockTimeoutOrDeadlock) {
                        // Also a lost claim: the transaction rolled back and inserted nothing.
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(recurring.runs(SANDBOX, schedule.id(), 10)).hasSize(1);
    }

    @Test
    void a_run_changes_only_from_its_version_and_is_found_by_its_charge() {
        var schedule = insert(scheduleWithEverything(SANDBOX, "1", T0));
        var run = Run.of(schedule, T0);
        recurring.insertRun(run);
        var submitted = run.submitted("txn_1", T0.plusSeconds(1));

        assertThat(recurring.updateRun(submitted)).isTrue();
        assertThat(recurring.updateRun(run.failed("late", T0.plusSeconds(2)))).isFalse();
        assertThat(recurring.findRunByCharge(SANDBOX, "txn_1")).contains(submitted);
        assertThat(recurring.findRunByCharge(LIVE, "txn_1")).isEmpty();
        assertThat(recurring.findRunByCharge(SANDBOX, "txn_2")).isEmpty();
        assertThat(recurring.findRunsByCharges(SANDBOX, List.of("txn_2", "txn_1", "txn_1")))
                .containsExactly(submitted);
        assertThat(recurring.findRunsByCharges(LIVE, List.of("txn_1"))).isEmpty();
        assertThat(recurring.findRunsByCharges(SANDBOX, List.of())).isEmpty();
    }

    @Test
    void runs_read_latest_period_first_and_due_retries_earliest_first() {
        var schedule = insert(scheduleWithEverything(SANDBOX, "1", T0));
        var s1 = schedule.advanced(T0);
        var s2 = s1.advanced(T0);
        var paid = Run.of(schedule, T0).submitted("txn_0", T0).paid(T0);
        var retrying = Run.of(s1, T0).submitted("txn_1", T0).declined("insufficient_funds", Run.Retry.ALLOWED, 2, T0);
        var later = Run.of(s2, T0.plusSeconds(10))
                .submitted("txn_2", T0.plusSeconds(10))
                .declined("insufficient_funds", Run.Retry.ALLOWED, 2, T0.plusSeconds(10));
        for (Run run : List.of(paid, retrying, later)) {
            assertThat(recurring.insertRun(run)).isTrue();
        }

        assertThat(recurring.runs(SANDBOX, schedule.id(), 10))
                .extracting(Run::period)
                .containsExactly(2L, 1L, 0L);
        assertThat(recurring.runs(SANDBOX, schedule.id(), 10).getLast()).isEqualTo(paid);
        assertThat(recurring.dueRetries(T0.plus(Duration.ofDays(1)), 10))
                .extracting(Run::period)
                .containsExactly(1L);
        assertThat(recurring.dueRetries(T0.plus(Duration.ofDays(2)), 10))
                .extracting(Run::period, Run::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, RunState.RETRYING),
                        org.assertj.core.groups.Tuple.tuple(2L, RunState.RETRYING));
    }
}
