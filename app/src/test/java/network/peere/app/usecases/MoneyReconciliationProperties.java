package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import network.peere.app.testing.StoreBackend;
import network.peere.app.testing.TestCustomers;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.refund.RefundType;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.SendBillingIntents;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.money.RefundCharges;
import network.peere.core.ports.in.money.SettleMerchants;
import network.peere.core.ports.in.participant.RegisterParticipant;
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
            Participant bank = register(peere, new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE));
            Participant merchant = register(
                    peere,
                    new Profile.MerchantProfile(
                            Optional.empty(),
                            new MerchantTrust(
                                    MerchantTrust.Trusted.TRUSTED,
                                    TrustLevel.BASIC,
                                    MerchantTrust.DeviceLookup.ENABLED),
                            ContactDetails.none()));
            String agreementPhrase = agreement(peere, bank, merchant);
            List<Charge> confirmed = new ArrayList<>();
            List<Refund> open = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                int amount = amounts.get(i % amounts.size());
                switch (steps.get(i)) {
                    case 0, 1 -> { // a bill the bank confirms (twice as likely as the rest)
                        var item = peere.billCustomers()
                                .bill(new BillCustomers.Command(
                                        Caller.of(principal(merchant)),
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
                                        principal(bank),
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
                                            Caller.of(principal(merchant)),
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
                                            principal(bank),
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
                Charge now2 = ((Result.Ok<Charge>)
                                peere.findTransactions().details(Caller.of(principal(merchant)), charge.id()))
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
                                            Caller.of(principal(merchant)),
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

    private static Participant register(Peere peere, Profile profile) {
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(Mode.SANDBOX, "Name", "x@example.test", profile, TEST));
        return ((RegisterParticipant.Registration.Registered) outcome).participant();
    }

    private static Principal principal(Participant participant) {
        return new Principal(participant.id(), Mode.SANDBOX, participant.role(), new ApiKeyId("key_test"));
    }

    private static String agreement(Peere peere, Participant bank, Participant merchant) {
        var batch = peere.migrateCustomers()
                .migrate(new MigrateCustomers.Command(
                        Mode.SANDBOX, bank.id(), List.of(TestCustomers.draft("1", "ada@example.com")), TEST));
        assertThat(((MigrateCustomers.Migration.Processed) batch)
                        .batch()
                        .items()
                        .getFirst())
                .isInstanceOf(BatchItem.Created.class);
        var found = (LookUpCustomer.Lookup.Found) peere.lookUpCustomer()
                .lookUp(new LookUpCustomer.Query(
                        Mode.SANDBOX,
                        merchant.id(),
                        merchant.role(),
                        Optional.empty(),
                        LookUpCustomer.Kind.EMAIL,
                        "ada@example.com"));
        var sent = (Result.Ok<List<SendBillingIntents.Item>>) peere.sendBillingIntents()
                .send(new SendBillingIntents.Command(
                        Caller.of(principal(merchant)),
                        List.of(found.banks().getFirst().phrase()),
                        IntentType.RECURRING,
                        NGN,
                        "plan",
                        Optional.empty(),
                        Map.of(),
                        Optional.empty()));
        Agreement proposed = ((Result.Ok<Agreement>) sent.value().getFirst().result()).value();
        peere.answerIntents()
                .respond(new AnswerIntents.Response(
                        principal(bank),
                        proposed.intentReference(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        CustomerDecision.APPROVE_RECURRING,
                        Optional.empty(),
                        false));
        return proposed.agreementPhrase();
    }
}
