package network.peere.app.usecases;

import static network.peere.app.usecases.BillingFixture.accepted;
import static network.peere.app.usecases.BillingFixture.ok;
import static network.peere.app.usecases.BillingFixture.principal;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.peere.app.testing.StoreBackend;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.refund.RefundType;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.settlement.PayoutStatus;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.money.RefundCharges;
import network.peere.core.ports.in.money.SettleMerchants;
import network.peere.core.ports.out.FeeScheduleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Money after the charge, through {@link network.peere.core.Peere} on every store: fees taken at confirmation,
 * refunds within the remainder (also concurrently), settlement windows settled once with their carry, and the
 * reconciliation after every scenario.
 */
abstract class MoneyUseCasesContract extends BillingFixture {
    MoneyUseCasesContract(StoreBackend backend) {
        super(backend);
    }

    @AfterEach
    void booksReconcile() {
        var reconciliation = peere.reconcileLedger().reconcile(Mode.SANDBOX);
        assertThat(reconciliation.mismatches()).as("reconciliation mismatches").isEmpty();
        assertThat(reconciliation.balanced()).isTrue();
    }

    @Test
    void the_network_fee_is_taken_at_confirmation_and_a_merchant_schedule_overrides_it() {
        Charge confirmed = confirmedCharge("1500.00");
        // 1.5 % of 1,500.00 is 22.50.
        assertThat(confirmed.fee()).isEqualTo(Money.of(2_250, "NGN"));

        ok(peere.manageFees()
                .set(
                        Mode.SANDBOX,
                        merchant.id().value(),
                        Optional.of(new FeeSchedule(100, 5_000, 0, Optional.of(6_000L)))));
        assertThat(ok(peere.manageFees().effective(Mode.SANDBOX, merchant.id())).source())
                .isEqualTo("merchant");
        // 1 % of 1,500.00 + 50.00 = 65.00, capped at 60.00.
        assertThat(confirmedCharge("1500.00").fee()).isEqualTo(Money.of(6_000, "NGN"));
        ok(peere.manageFees()
                .set(Mode.SANDBOX, FeeScheduleStore.NETWORK, Optional.of(new FeeSchedule(0, 0, 0, Optional.empty()))));
        assertThat(ok(peere.manageFees().effective(Mode.SANDBOX, otherMerchant.id()))
                        .schedule()
                        .basisPoints())
                .isZero();
    }

    @Test
    void refunds_stay_within_the_remainder_and_give_the_fee_back_pro_rata() {
        Charge charge = confirmedCharge("1000.00"); // fee 15.00
        assertThat(initiate(charge, "1000.01", RefundType.PARTIAL))
                .isEqualTo(Result.refused(BillingProblem.REFUND_EXCEEDS_REMAINDER));
        assertThat(initiate(charge, "500", RefundType.FULL))
                .isEqualTo(Result.refused(BillingProblem.REFUND_TYPE_MISMATCH));

        Refund first = ok(initiate(charge, "333.33", RefundType.PARTIAL));
        // floor(15.00 × 333.33 / 1000.00) = 4.99
        assertThat(first.feeReturned()).isEqualTo(Money.of(499, "NGN"));
        Refund rest = ok(initiate(charge, "666.67", RefundType.FULL));
        assertThat(first.feeReturned().plus(rest.feeReturned())).isEqualTo(Money.of(1_500, "NGN"));
        assertThat(initiate(charge, "0.01", RefundType.PARTIAL))
                .isEqualTo(Result.refused(BillingProblem.REFUND_EXCEEDS_REMAINDER));

        Charge refunded = details(charge);
        assertThat(refunded.refundable()).isEqualTo(Money.zero(refunded.amount().currency()));
        assertThat(TransactionStatus.of(refunded)).isEqualTo(TransactionStatus.REFUNDED);
        Charge untouched = confirmedCharge("50.00");
        assertThat(history(TransactionStatus.REFUNDED)).containsExactly(charge.id());
        assertThat(history(TransactionStatus.COMPLETED)).containsExactly(untouched.id());
    }

    @Test
    void a_failed_refund_gives_the_remainder_back_and_a_completed_one_settles_with_the_bank() {
        Charge charge = confirmedCharge("200.00");
        Refund failing = ok(initiate(charge, "150", RefundType.PARTIAL));
        Refund failed = ok(bankAnswers(failing, RefundStatus.FAILED));
        assertThat(failed.failureReason()).contains("account_closed");
        assertThat(details(charge).refundable()).isEqualTo(Money.of(20_000, "NGN"));

        Refund refund = ok(initiate(charge, "200", RefundType.FULL));
        assertThat(ok(bankAnswers(refund, RefundStatus.PROCESSING)).status()).isEqualTo(RefundStatus.PROCESSING);
        Refund done = ok(bankAnswers(refund, RefundStatus.COMPLETED));
        assertThat(done.status()).isEqualTo(RefundStatus.COMPLETED);
        assertThat(done.processedAt()).isPresent();
        assertThat(bankAnswers(refund, RefundStatus.FAILED))
                .isEqualTo(Result.refused(BillingProblem.REFUND_ALREADY_FINAL));
        assertThat(peere.refundCharges().find(Caller.of(principal(otherMerchant)), refund.id()))
                .isEqualTo(Result.refused(BillingProblem.REFUND_NOT_FOUND));
        assertThat(ok(peere.refundCharges().find(Caller.of(principal(bank)), refund.id()))
                        .id())
                .isEqualTo(refund.id());
    }

    @Test
    void fifty_concurrent_partial_refunds_never_take_more_than_the_charge() throws Exception {
        Charge charge = confirmedCharge("100.00");
        var pool = Executors.newFixedThreadPool(16);
        var start = new CountDownLatch(1);
        List<Future<Result<Refund>>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            attempts.add(pool.submit(() -> {
                start.await();
                return initiate(charge, "3.00", RefundType.PARTIAL);
            }));
        }
        start.countDown();
        int succeeded = 0;
        for (var attempt : attempts) {
            switch (attempt.get()) {
                case Result.Ok<Refund> done -> succeeded++;
                case Result.Refused<Refund> refused ->
                    assertThat(refused.problem()).isEqualTo(BillingProblem.REFUND_EXCEEDS_REMAINDER);
            }
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(33);
        assertThat(details(charge).refunded()).isEqualTo(Money.of(9_900, "NGN"));
    }

    @Test
    void a_day_settles_once_the_next_day_with_its_payout_and_a_negative_net_is_carried() {
        ok(peere.settleMerchants()
                .setPayoutAccount(
                        Caller.of(principal(merchant)), new PayoutAccount("Sandbox Bank", "0123456789", "Gym")));
        Charge first = confirmedCharge("1000.00"); // fee 15.00
        ok(initiate(first, "100.00", RefundType.PARTIAL)); // fee back 1.50
        assertThat(peere.settleMerchants().settleDue(100))
                .as("today is not over")
                .isZero();

        nextDay();
        assertThat(peere.settleMerchants().settleDue(100)).isEqualTo(1);
        assertThat(peere.settleMerchants().settleDue(100))
                .as("a window settles once")
                .isZero();
        Settlement day1 = onlySettlement();
        assertThat(day1.chargesMinor()).isEqualTo(100_000);
        assertThat(day1.refundsMinor()).isEqualTo(10_000);
        assertThat(day1.feesMinor()).isEqualTo(1_500 - 150);
        assertThat(day1.payoutMinor()).isEqualTo(100_000 - 10_000 - 1_350);
        assertThat(day1.payoutStatus()).isEqualTo(PayoutStatus.PENDING);
        assertThat(day1.payoutAccount()).isPresent();
        assertThat(day1.lines())
                .extracting(SettlementLine::kind)
                .containsExactlyInAnyOrder(
                        SettlementLine.Kind.CHARGE, SettlementLine.Kind.REFUND, SettlementLine.Kind.PAYOUT);
        assertThat(ok(peere.settleMerchants().markPayout(Mode.SANDBOX, day1.id(), PayoutStatus.PAID))
                        .payoutStatus())
                .isEqualTo(PayoutStatus.PAID);
        assertThat(peere.settleMerchants().markPayout(Mode.SANDBOX, day1.id(), PayoutStatus.FAILED))
                .isEqualTo(Result.refused(BillingProblem.PAYOUT_STATUS_CONFLICT));

        // Day 2: only a refund of day 1's charge: the net is negative and carried into day 3.
        ok(initiate(first, "500.00", RefundType.PARTIAL));
        nextDay();
        assertThat(peere.settleMerchants().settleDue(100)).isEqualTo(1);
        Settlement day2 = latestSettlement();
        assertThat(day2.payoutMinor()).isZero();
        assertThat(day2.payoutStatus()).isEqualTo(PayoutStatus.NONE);
        assertThat(day2.carriedOutMinor()).isEqualTo(-(50_000 - 750));

        confirmedCharge("1000.00");
        nextDay();
        assertThat(peere.settleMerchants().settleDue(100)).isEqualTo(1);
        Settlement day3 = latestSettlement();
        assertThat(day3.carriedInMinor()).isEqualTo(day2.carriedOutMinor());
        assertThat(day3.payoutMinor()).isEqualTo(100_000 - 1_500 + day2.carriedOutMinor());
        assertThat(peere.settleMerchants().find(Caller.of(principal(otherMerchant)), day3.id()))
                .isEqualTo(Result.refused(BillingProblem.SETTLEMENT_NOT_FOUND));
    }

    @Test
    void a_charge_confirmed_late_for_a_settled_day_lands_in_the_next_window_and_only_there() {
        Instant day1 = now.get();
        confirmedCharge("100.00");
        Agreement agreement = approvedAgreement(IntentType.RECURRING, java.util.Map.of());
        Charge late = accepted(bill(merchant, agreement.agreementPhrase(), "200.00"));
        nextDay();
        assertThat(peere.settleMerchants().settleDue(100)).isEqualTo(1);
        // The bank's answer was stamped on day 1 but committed after day 1 settled (a clock behind, a slow commit).
        now.set(day1.plusSeconds(60));
        ok(answer(late, CustomerDecision.APPROVE_RECURRING));
        now.set(day1.plus(Duration.ofDays(1)));
        assertThat(peere.settleMerchants().settleDue(100))
                .as("its window is tomorrow's")
                .isZero();
        nextDay();
        assertThat(peere.settleMerchants().settleDue(100)).isEqualTo(1);
        var all = settlements();
        assertThat(all).hasSize(2);
        long lines = all.stream()
                .flatMap(s -> ok(peere.settleMerchants().find(Caller.of(principal(merchant)), s.id())).lines().stream())
                .filter(l -> l.reference().equals(late.id()))
                .count();
        assertThat(lines).isEqualTo(1);
    }

    @Test
    void the_sandbox_can_close_today_at_once_and_what_comes_later_lands_tomorrow() {
        Charge early = confirmedCharge("100.00");
        assertThat(peere.settleMerchants().closeToday(Mode.LIVE, 100))
                .isEqualTo(Result.refused(BillingProblem.SIMULATION_NOT_ALLOWED));
        assertThat(ok(peere.settleMerchants().closeToday(Mode.SANDBOX, 100))).isEqualTo(1);
        Settlement today = onlySettlement();
        assertThat(today.lines()).extracting(SettlementLine::reference).contains(early.id());

        Charge later = confirmedCharge("40.00");
        assertThat(ok(peere.settleMerchants().closeToday(Mode.SANDBOX, 100)))
                .as("today is taken; the later charge waits for tomorrow's window")
                .isZero();
        nextDay();
        nextDay();
        assertThat(peere.settleMerchants().settleDue(100)).isEqualTo(1);
        Settlement tomorrow = latestSettlement();
        assertThat(tomorrow.windowStart()).isEqualTo(today.windowEnd());
        assertThat(tomorrow.lines()).extracting(SettlementLine::reference).contains(later.id());
    }

    @Test
    void two_runners_on_one_window_make_one_settlement() throws Exception {
        confirmedCharge("100.00");
        confirmedCharge("250.00");
        nextDay();
        var pool = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        List<Future<Integer>> runners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runners.add(pool.submit(() -> {
                start.await();
                return peere.settleMerchants().settleDue(100);
            }));
        }
        start.countDown();
        int made = 0;
        for (var runner : runners) {
            made += runner.get();
        }
        pool.shutdown();
        assertThat(made).isEqualTo(1);
        assertThat(onlySettlement().chargesMinor()).isEqualTo(35_000);
    }

    @Test
    void the_sandbox_bank_completes_refunds_and_fails_those_ending_in_53() {
        ok(peere.simulateBanks().configure(bank.id(), Optional.of(Duration.ZERO)));
        Charge charge = confirmedCharge("500.00");
        Refund completes = ok(initiate(charge, "100.00", RefundType.PARTIAL));
        Refund fails = ok(initiate(charge, "100.53", RefundType.PARTIAL));
        now.set(now.get().plusSeconds(1));
        peere.simulateBanks().answerDue(100);
        assertThat(ok(peere.refundCharges().find(Caller.of(principal(merchant)), completes.id()))
                        .status())
                .isEqualTo(RefundStatus.COMPLETED);
        assertThat(ok(peere.refundCharges().find(Caller.of(principal(merchant)), fails.id()))
                        .status())
                .isEqualTo(RefundStatus.FAILED);
    }

    // ---- fixture

    private Charge confirmedCharge(String amount) {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, java.util.Map.of());
        Charge charge = accepted(bill(merchant, agreement.agreementPhrase(), amount));
        return ok(answer(charge, CustomerDecision.APPROVE_RECURRING));
    }

    private Result<Refund> initiate(Charge charge, String amount, RefundType type) {
        return peere.refundCharges()
                .initiate(new RefundCharges.Initiate(
                        Caller.of(principal(merchant)),
                        charge.id(),
                        new BigDecimal(amount),
                        "customer asked",
                        type,
                        Optional.empty()));
    }

    private Result<Refund> bankAnswers(Refund refund, RefundStatus status) {
        return peere.refundCharges()
                .answer(new RefundCharges.Answer(
                        principal(bank),
                        refund.id(),
                        status,
                        Optional.of("bank_ref_" + refund.id()),
                        status == RefundStatus.FAILED ? Optional.of("account_closed") : Optional.empty()));
    }

    private List<String> history(TransactionStatus status) {
        var query = new network.peere.core.ports.in.billing.FindTransactions.Query(
                Optional.empty(),
                Optional.empty(),
                Optional.of(status),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        return ok(peere.findTransactions().history(Caller.of(principal(merchant)), query, new PageRequest(0, 100)))
                .items()
                .stream()
                .map(Charge::id)
                .toList();
    }

    private void nextDay() {
        now.set(now.get().plus(Duration.ofDays(1)));
    }

    private List<Settlement> settlements() {
        return ok(peere.settleMerchants()
                        .list(Caller.of(principal(merchant)), SettleMerchants.Query.all(), new PageRequest(0, 100)))
                .items();
    }

    private Settlement onlySettlement() {
        var all = settlements();
        assertThat(all).hasSize(1);
        return ok(peere.settleMerchants()
                .find(Caller.of(principal(merchant)), all.getFirst().id()));
    }

    private Settlement latestSettlement() {
        return ok(peere.settleMerchants()
                .find(Caller.of(principal(merchant)), settlements().getFirst().id()));
    }
}
