package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import network.peere.app.testing.StoreBackend;
import network.peere.app.testing.TestNetwork;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.refund.RefundType;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.money.RefundCharges;
import network.peere.core.ports.in.money.SettleMerchants;
import network.peere.core.ports.out.FeeScheduleStore;

/**
 * Whatever happens in whatever order — charges confirmed or declined, refunds partial or full, completed or failed,
 * fee schedules changed, days settled — the books reconcile after every step, no charge is refunded past its amount,
 * and what was paid out plus what is carried equals everything the merchant earned net of refunds and fees.
 */
class MoneyReconciliationProperties {
    private static final Actor TEST = Actor.system("money properties");
    private static final Currency NGN = Currency.getInstance("NGN");

    @Property(tries = 40)
    void the_books_reconcile_after_any_sequence(
            @ForAll @Size(min = 5, max = 40) List<@IntRange(min = 0, max = 6) Integer> steps,
            @ForAll @Size(min = 40, max = 40) List<@IntRange(min = 100, max = 500_000) Integer> amounts)
            throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T08:00:00Z"));
        try (StoreBackend.Opened opened = StoreBackend.IN_MEMORY.open()) {
            Peere peere = opened.peere(now::get);
            Participant bank = TestNetwork.bank(peere);
            Participant merchant = TestNetwork.merchant(peere, TrustLevel.BASIC);
            String agreementPhrase = TestNetwork.approvedAgreements(peere, bank, merchant, List.of("ada@example.com"))
                    .getFirst();
            List<Charge> confirmed = new ArrayList<>();
            List<Refund> open = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                int amount = amounts.get(i % amounts.size());
                switch (steps.get(i)) {
                    case 0, 1 -> { // a bill the bank confirms (twice as likely as the rest)
                        var item = peere.billCustomers()
                                .bill(new BillCustomers.Command(
                                        Caller.of(TestNetwork.principal(merchant)),
                                        List.of(agreementPhrase),
                                        BigDecimal.valueOf(amount, 2),
                                        NGN,
                                        "plan",
                                        Optional.empty(),
                                        false));
                        Charge charge = ((BillCustomers.Item.Accepted) ((Result.Ok<List<BillCustomers.Item>>) item)
                                        .value()
                                        .getFirst())
                                .charge();
                        CustomerDecision action =
                                amount % 5 == 0 ? CustomerDecision.DENY : CustomerDecision.APPROVE_RECURRING;
                        var answered = peere.answerBillingRequests()
                                .answer(new AnswerBillingRequests.Answer(
                                        TestNetwork.principal(bank),
                                        charge.id(),
                                        action,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()));
                        Charge done = ((Result.Ok<Charge>) answered).value();
                        if (action.approves()) {
                            confirmed.add(done);
                        }
                    }
                    case 2 -> { // a refund of part (or all) of a confirmed charge
                        if (!confirmed.isEmpty()) {
                            Charge charge = confirmed.get(amount % confirmed.size());
                            long piece =
                                    1 + amount % Math.max(1, charge.amount().minor());
                            var refund = peere.refundCharges()
                                    .initiate(new RefundCharges.Initiate(
                                            Caller.of(TestNetwork.principal(merchant)),
                                            charge.id(),
                                            BigDecimal.valueOf(piece, 2),
                                            "asked",
                                            RefundType.PARTIAL,
                                            Optional.empty()));
                            if (refund instanceof Result.Ok<Refund> ok) {
                                open.add(ok.value());
                            }
                        }
                    }
                    case 3, 4 -> { // the bank completes or fails the oldest open refund
                        if (!open.isEmpty()) {
                            Refund refund = open.removeFirst();
                            peere.refundCharges()
                                    .answer(new RefundCharges.Answer(
                                            TestNetwork.principal(bank),
                                            refund.id(),
                                            steps.get(i) == 3 ? RefundStatus.COMPLETED : RefundStatus.FAILED,
                                            Optional.empty(),
                                            Optional.of("closed")));
                        }
                    }
                    case 5 ->
                        peere.manageFees()
                                .set(
                                        Mode.SANDBOX,
                                        amount % 2 == 0 ? merchant.id().value() : FeeScheduleStore.NETWORK,
                                        Optional.of(
                                                new FeeSchedule(amount % 400, amount % 3 * 100, 0, Optional.empty())));
                    default -> { // a day passes and due windows settle
                        now.set(now.get().plus(Duration.ofDays(1)));
                        peere.settleMerchants().settleDue(100);
                    }
                }
                var reconciliation = peere.reconcileLedger().reconcile(Mode.SANDBOX);
                assertThat(reconciliation.mismatches()).as("after step %d", i).isEmpty();
                assertThat(reconciliation.balanced()).isTrue();
            }
            for (Charge charge : confirmed) {
                Charge now2 = ((Result.Ok<Charge>) peere.findTransactions()
                                .details(Caller.of(TestNetwork.principal(merchant)), charge.id()))
                        .value();
                assertThat(now2.refunded().minor()).isBetween(0L, now2.amount().minor());
            }
            // Everything settles in the end: payouts plus the final carry equal the merchant's net.
            now.set(now.get().plus(Duration.ofDays(2)));
            peere.settleMerchants().settleDue(1_000);
            var settlements = ((Result.Ok<
                                    network.peere.core.domain.shared.Page<
                                            network.peere.core.domain.settlement.Settlement>>)
                            peere.settleMerchants()
                                    .list(
                                            Caller.of(TestNetwork.principal(merchant)),
                                            SettleMerchants.Query.all(),
                                            new PageRequest(0, 100)))
                    .value()
                    .items();
            long paid = settlements.stream().mapToLong(s -> s.payoutMinor()).sum();
            long carried = settlements.isEmpty() ? 0 : settlements.getFirst().carriedOutMinor();
            long payable = opened.stores()
                    .ledger()
                    .trialBalance(Mode.SANDBOX)
                    .balance(
                            new network.peere.core.domain.ledger.Account(
                                    network.peere.core.domain.ledger.AccountType.MERCHANT_PAYABLE,
                                    merchant.id().value()),
                            NGN);
            assertThat(payable)
                    .as("what the network still owes the merchant is only the negative carry")
                    .isEqualTo(-carried);
            assertThat(paid).isGreaterThanOrEqualTo(0);
        }
    }
}
