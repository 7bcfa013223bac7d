package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import network.peere.app.testing.StoreBackend;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementFilter;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.idempotency.IdempotencyKey;
import network.peere.core.domain.idempotency.StoredResponse;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.EndpointSecrets;
import network.peere.core.domain.webhook.EndpointStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.FindTransactions;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.SendBillingIntents;
import network.peere.core.ports.in.idempotency.RunIdempotently;
import network.peere.core.ports.in.participant.ChangeParticipant;
import network.peere.core.ports.in.participant.RegisterParticipant;
import org.junit.jupiter.api.Test;

/**
 * The billing use cases end to end through {@link Peere} on every store: intents, decisions, bills, bank answers,
 * limits, deadlines and the sandbox bank; the ledger sums to zero after every scenario.
 */
abstract class BillingUseCasesContract extends BillingFixture {
    /** How long a sweep racing a bank's answer may run before the answer goes on. */
    private static final Duration SWEEP_HEAD_START = Duration.ofMillis(500);

    BillingUseCasesContract(StoreBackend backend) {
        super(backend);
    }

    // ---- scenarios

    @Test
    void an_approved_agreement_bills_and_the_confirmed_charge_is_posted_to_the_ledger() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.MONTHLY, "50000"));
        assertThat(agreement.status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(agreement.limits().cap(LimitKind.MONTHLY)).contains(Money.of(5_000_000, "NGN"));

        Charge charge = accepted(bill(merchant, agreement.agreementPhrase(), "1500.50"));
        assertThat(charge.status()).isEqualTo(ChargeStatus.PENDING_BANK);
        assertThat(charge.amount()).isEqualTo(Money.of(150_050, "NGN"));

        Charge confirmed = ok(answer(charge, CustomerDecision.APPROVE_RECURRING));
        assertThat(confirmed.status()).isEqualTo(ChargeStatus.CONFIRMED);
        var balance = opened.stores().ledger().trialBalance(Mode.SANDBOX);
        assertThat(balance.balance(
                        new Account(AccountType.BANK_SETTLEMENT, bank.id().value()), NGN))
                .isEqualTo(150_050);
        // The network keeps its fee (1.5 % by default, rounded half up): 2,250.75 → 2,251 minor units.
        assertThat(confirmed.fee()).isEqualTo(Money.of(2_251, "NGN"));
        assertThat(balance.balance(
                        new Account(AccountType.MERCHANT_PAYABLE, merchant.id().value()), NGN))
                .isEqualTo(-150_050 + 2_251);
        assertThat(balance.balance(new Account(AccountType.FEE_REVENUE, Account.NETWORK), NGN))
                .isEqualTo(-2_251);
        assertThat(ok(peere.findAgreements().find(Caller.of(principal(merchant)), agreement.id()))
                        .lastUsedAt())
                .isPresent();
        var history = ok(peere.findTransactions()
                .history(Caller.of(principal(bank)), FindTransactions.Query.all(), new PageRequest(0, 10)));
        assertThat(history.items()).extracting(Charge::id).containsExactly(charge.id());
    }

    @Test
    void a_provider_reads_the_charges_of_every_one_of_its_merchants_however_many() {
        Participant provider = register(new Profile.ProviderProfile());
        var trust = new MerchantTrust(
                MerchantTrust.Trusted.TRUSTED, TrustLevel.ENHANCED, MerchantTrust.DeviceLookup.ENABLED);
        // The first one bills: the provider's lists read its merchants newest first, and once stopped at a thousand.
        Participant first =
                register(new Profile.MerchantProfile(Optional.of(provider.id()), trust, ContactDetails.none()));
        now.set(now.get().plusSeconds(1));
        for (int i = 0; i < 1_000; i++) {
            register(new Profile.MerchantProfile(Optional.of(provider.id()), trust, ContactDetails.none()));
        }
        Agreement intent =
                ok(intentItems(first, IntentType.RECURRING).getFirst().result());
        Agreement agreement = ok(respond(intent, CustomerDecision.APPROVE_RECURRING));
        Charge charge = accepted(bill(first, agreement.agreementPhrase(), "100"));

        var history = ok(peere.findTransactions()
                .history(Caller.of(principal(provider)), FindTransactions.Query.all(), new PageRequest(0, 10)));
        assertThat(history.items()).extracting(Charge::id).containsExactly(charge.id());
        assertThat(ok(peere.findAgreements()
                                .list(Caller.of(principal(provider)), AgreementFilter.none(), new PageRequest(0, 10)))
                        .items())
                .extracting(Agreement::id)
                .containsExactly(agreement.id());
    }

    @Test
    void a_limit_breach_is_refused_naming_the_limit_and_a_decline_gives_the_reservation_back() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.MONTHLY, "5000"));
        Charge first = accepted(bill(merchant, agreement.agreementPhrase(), "3000"));

        var refused = refusal(bill(merchant, agreement.agreementPhrase(), "3000"));
        assertThat(refused.problem()).isEqualTo(BillingProblem.SPENDING_LIMIT_EXCEEDED);
        assertThat(refused.limit().orElseThrow().limit()).isEqualTo(LimitKind.MONTHLY);
        assertThat(refused.limit().orElseThrow().remaining()).isEqualTo(Money.of(200_000, "NGN"));

        Charge declined = ok(answer(first, CustomerDecision.DENY));
        assertThat(declined.status()).isEqualTo(ChargeStatus.FAILED);
        assertThat(declined.declineReason()).contains("declined");
        accepted(bill(merchant, agreement.agreementPhrase(), "3000"));
    }

    @Test
    void an_agreement_bills_until_its_expiry_instant_and_is_over_from_it_before_any_sweep() {
        Instant start = now.get();
        Agreement intent = proposed(IntentType.RECURRING);
        assertThat(respondExpiring(intent, start)).isEqualTo(Result.refused(BillingProblem.INVALID_EXPIRY));
        assertThat(respondExpiring(intent, start.plus(Duration.ofDays(100L * 366 + 1))))
                .isEqualTo(Result.refused(BillingProblem.INVALID_EXPIRY));
        Instant end = start.plus(Duration.ofHours(1));
        Agreement agreement = ok(respondExpiring(intent, end.plusNanos(999)));
        assertThat(agreement.expiresAt()).as("stored to the microsecond").contains(end);

        now.set(end.minusNanos(1_000));
        accepted(bill(merchant, agreement.agreementPhrase(), "100"));
        now.set(end);
        assertThat(refusal(bill(merchant, agreement.agreementPhrase(), "100")).problem())
                .isEqualTo(BillingProblem.AGREEMENT_EXPIRED);
        // Every read says so from the instant; the stored row waits for the sweep.
        Agreement read = ok(peere.findAgreements().find(Caller.of(principal(merchant)), agreement.id()));
        assertThat(read.status()).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(read.updatedAt()).isEqualTo(end);
        assertThat(ok(peere.findAgreements()
                                .forCustomer(principal(bank), agreement.customerId(), new PageRequest(0, 10)))
                        .items())
                .extracting(Agreement::status)
                .containsExactly(AgreementStatus.EXPIRED);
        // Not yet swept, and yet over: the bank can neither move the expiry nor approve again, only block.
        assertThat(changeExpiry(agreement, Optional.empty())).isEqualTo(Result.refused(BillingProblem.AGREEMENT_FINAL));
        assertThat(changeExpiry(agreement, Optional.of(end.plus(Duration.ofDays(1)))))
                .isEqualTo(Result.refused(BillingProblem.AGREEMENT_FINAL));
        assertThat(respond(intent, CustomerDecision.APPROVE_RECURRING))
                .isEqualTo(Result.refused(BillingProblem.INTENT_ALREADY_ANSWERED));

        assertThat(peere.runBillingDeadlines().expireDue(100)).isEqualTo(1);
        Agreement expired = ok(peere.findAgreements().find(Caller.of(principal(merchant)), agreement.id()));
        assertThat(expired.status()).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(respond(intent, CustomerDecision.APPROVE_RECURRING))
                .as("an answered intent whose agreement later ended was answered, not left to expire")
                .isEqualTo(Result.refused(BillingProblem.INTENT_ALREADY_ANSWERED));
        assertThat(peere.runBillingDeadlines().expireDue(100)).isZero();
    }

    @Test
    void a_bank_moves_or_clears_an_expiry_before_it_comes() {
        Instant end = now.get().plus(Duration.ofHours(1));
        Agreement agreement = ok(respondExpiring(proposed(IntentType.RECURRING), end));

        Agreement moved = ok(changeExpiry(agreement, Optional.of(end.plus(Duration.ofHours(1)))));
        assertThat(moved.expiresAt()).contains(end.plus(Duration.ofHours(1)));
        assertThat(changeExpiry(moved, Optional.of(now.get())))
                .isEqualTo(Result.refused(BillingProblem.INVALID_EXPIRY));
        Agreement endless = ok(changeExpiry(moved, Optional.empty()));
        assertThat(endless.expiresAt()).isEmpty();

        now.set(end.plus(Duration.ofDays(400)));
        accepted(bill(merchant, agreement.agreementPhrase(), "100"));
        assertThat(peere.runBillingDeadlines().expireDue(100)).isZero();
    }

    @Test
    void a_dry_run_checks_the_same_and_reserves_nothing() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.DAILY, "1000"));
        for (int i = 0; i < 3; i++) {
            var item = billItems(merchant, agreement.agreementPhrase(), "1000", true)
                    .getFirst();
            assertThat(item).isInstanceOf(BillCustomers.Item.WouldAccept.class);
        }
        var over = billItems(merchant, agreement.agreementPhrase(), "1000.01", true)
                .getFirst();
        assertThat(((BillCustomers.Item.Refused) over).refusal().problem())
                .isEqualTo(BillingProblem.SPENDING_LIMIT_EXCEEDED);
        accepted(bill(merchant, agreement.agreementPhrase(), "1000"));
        var history = ok(peere.findTransactions()
                .history(Caller.of(principal(merchant)), FindTransactions.Query.all(), new PageRequest(0, 10)));
        assertThat(history.total()).isEqualTo(1);
    }

    @Test
    void a_bill_given_the_merchant_as_authentication_read_it_decides_on_the_merchant_as_committed_now() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of());
        Participant asAuthenticated =
                opened.stores().participants().find(Mode.SANDBOX, merchant.id()).orElseThrow();
        assertThat(accepted(billAuthenticatedAs(asAuthenticated, agreement.agreementPhrase()))
                        .merchantId())
                .isEqualTo(merchant.id());

        // Suspended since authentication read it (another server process's cache may still say active): refused.
        assertThat(peere.changeParticipant().suspend(Mode.SANDBOX, merchant.id(), TEST))
                .isInstanceOf(ChangeParticipant.Change.Changed.class);
        assertThat(refusal(billAuthenticatedAs(asAuthenticated, agreement.agreementPhrase()))
                        .problem())
                .isEqualTo(BillingProblem.MERCHANT_SUSPENDED);

        // Active again (a newer version than the one read): the bill reads the merchant and goes through.
        assertThat(peere.changeParticipant().reactivate(Mode.SANDBOX, merchant.id(), TEST))
                .isInstanceOf(ChangeParticipant.Change.Changed.class);
        assertThat(accepted(billAuthenticatedAs(asAuthenticated, agreement.agreementPhrase()))
                        .merchantId())
                .isEqualTo(merchant.id());

        // A copy that would refuse (read while suspended, say) is not the last word either: the merchant is active now.
        Participant now =
                opened.stores().participants().find(Mode.SANDBOX, merchant.id()).orElseThrow();
        Participant refusingCopy =
                now.withStatus(network.peere.core.domain.participant.ParticipantStatus.SUSPENDED, now.updatedAt());
        assertThat(accepted(billAuthenticatedAs(refusingCopy, agreement.agreementPhrase()))
                        .merchantId())
                .isEqualTo(merchant.id());
    }

    private BillCustomers.Item billAuthenticatedAs(Participant authenticated, String phrase) {
        var plain = billCommand(merchant, phrase, "10", false);
        return ok(peere.billCustomers()
                        .bill(new BillCustomers.Command(
                                plain.caller().authenticatedAs(authenticated),
                                plain.agreementPhrases(),
                                plain.amount(),
                                plain.currency(),
                                plain.description(),
                                plain.metadata(),
                                plain.dryRun())))
                .getFirst();
    }

    @Test
    void suspension_revocation_and_block_take_effect_for_the_very_next_call() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of());
        ok(peere.answerIntents()
                .change(new AnswerIntents.Change(
                        principal(bank),
                        agreement.id(),
                        Optional.of(CustomerDecision.SUSPENDED),
                        Optional.empty(),
                        Optional.of(true))));
        assertThat(refusal(bill(merchant, agreement.agreementPhrase(), "100")).problem())
                .isEqualTo(BillingProblem.AGREEMENT_SUSPENDED);
        var intent = intentItems(merchant, IntentType.RECURRING).getFirst().result();
        assertThat(((Result.Refused<Agreement>) intent).problem()).isEqualTo(BillingProblem.MERCHANT_BLOCKED);

        ok(peere.answerIntents()
                .change(new AnswerIntents.Change(
                        principal(bank),
                        agreement.id(),
                        Optional.of(CustomerDecision.APPROVE_RECURRING),
                        Optional.empty(),
                        Optional.of(false))));
        accepted(bill(merchant, agreement.agreementPhrase(), "100"));
        ok(peere.answerIntents().revoke(Caller.of(principal(merchant)), agreement.id()));
        assertThat(refusal(bill(merchant, agreement.agreementPhrase(), "100")).problem())
                .isEqualTo(BillingProblem.AGREEMENT_REVOKED);
    }

    @Test
    void a_block_alone_stops_the_very_next_bill_on_every_agreement_with_that_merchant_until_lifted() {
        Agreement blocked = approvedAgreement(IntentType.RECURRING, Map.of());
        Agreement sibling = approvedAgreement(IntentType.RECURRING, Map.of());
        accepted(bill(merchant, blocked.agreementPhrase(), "100"));

        // The decision stays approve_recurring: only blockMerchant changes.
        ok(peere.answerIntents()
                .change(new AnswerIntents.Change(
                        principal(bank), blocked.id(), Optional.empty(), Optional.empty(), Optional.of(true))));
        assertThat(refusal(bill(merchant, blocked.agreementPhrase(), "100")).problem())
                .isEqualTo(BillingProblem.MERCHANT_BLOCKED);
        assertThat(refusal(bill(merchant, sibling.agreementPhrase(), "100")).problem())
                .isEqualTo(BillingProblem.MERCHANT_BLOCKED);

        ok(peere.answerIntents()
                .change(new AnswerIntents.Change(
                        principal(bank), blocked.id(), Optional.empty(), Optional.empty(), Optional.of(false))));
        accepted(bill(merchant, blocked.agreementPhrase(), "100"));
        accepted(bill(merchant, sibling.agreementPhrase(), "100"));
    }

    @Test
    void a_block_recorded_with_a_denial_can_be_lifted_though_the_denial_is_final() {
        Agreement intent = proposed(IntentType.RECURRING);
        Agreement denied = ok(respond(intent, CustomerDecision.DENY, Map.of(), true));
        var refused = intentItems(merchant, IntentType.RECURRING).getFirst().result();
        assertThat(((Result.Refused<Agreement>) refused).problem()).isEqualTo(BillingProblem.MERCHANT_BLOCKED);

        // Anything but the block stays final.
        assertThat(peere.answerIntents()
                        .change(new AnswerIntents.Change(
                                principal(bank),
                                denied.id(),
                                Optional.of(CustomerDecision.APPROVE_RECURRING),
                                Optional.empty(),
                                Optional.of(false))))
                .isEqualTo(Result.refused(BillingProblem.AGREEMENT_FINAL));
        Agreement lifted = ok(peere.answerIntents()
                .change(new AnswerIntents.Change(
                        principal(bank), denied.id(), Optional.empty(), Optional.empty(), Optional.of(false))));

        assertThat(lifted.status()).isEqualTo(denied.status());
        assertThat(lifted.decision()).isEqualTo(denied.decision());
        assertThat(lifted.blockMerchant()).isFalse();
        assertThat(intentItems(merchant, IntentType.RECURRING).getFirst().result())
                .isInstanceOf(Result.Ok.class);
    }

    @Test
    void intent_types_and_billing_follow_the_merchants_trust() {
        Participant basic = register(new Profile.MerchantProfile(
                Optional.empty(),
                new MerchantTrust(MerchantTrust.Trusted.TRUSTED, TrustLevel.BASIC, MerchantTrust.DeviceLookup.ENABLED),
                ContactDetails.none()));
        String phrase = lookupPhrase(basic);
        assertThat(peere.sendBillingIntents().send(intentCommand(basic, phrase, IntentType.ON_DEMAND)))
                .isEqualTo(Result.refused(BillingProblem.TRUST_LEVEL_TOO_LOW));
        assertThat(ok(peere.sendBillingIntents().send(intentCommand(basic, phrase, IntentType.RECURRING)))
                        .getFirst()
                        .result())
                .isInstanceOf(Result.Ok.class);

        // trusted: false stops intents and bills in live mode, before any phrase is looked at; sandbox lets it try.
        var untrusted = new MerchantTrust(
                MerchantTrust.Trusted.UNTRUSTED, TrustLevel.PREMIUM, MerchantTrust.DeviceLookup.ENABLED);
        for (Mode mode : List.of(Mode.LIVE, Mode.SANDBOX)) {
            var registered = peere.registerParticipant()
                    .register(new RegisterParticipant.Command(
                            mode,
                            "Untrusted",
                            "u@example.test",
                            new Profile.MerchantProfile(Optional.empty(), untrusted, ContactDetails.none()),
                            Actor.system("trust test")));
            Participant merchant = ((RegisterParticipant.Registration.Registered) registered).participant();
            var caller = Caller.of(new Principal(merchant.id(), mode, merchant.role(), new ApiKeyId("k")));
            var intent = peere.sendBillingIntents()
                    .send(new SendBillingIntents.Command(
                            caller,
                            List.of("lp1.unknown"),
                            IntentType.RECURRING,
                            NGN,
                            "Plan",
                            Optional.empty(),
                            Map.of(),
                            Optional.empty()));
            var bill = peere.billCustomers()
                    .bill(new BillCustomers.Command(
                            caller,
                            List.of("agp_unknown"),
                            new BigDecimal("100"),
                            NGN,
                            "Plan",
                            Optional.empty(),
                            false));
            if (mode == Mode.LIVE) {
                assertThat(intent).isEqualTo(Result.refused(BillingProblem.MERCHANT_NOT_TRUSTED));
                assertThat(bill).isEqualTo(Result.refused(BillingProblem.MERCHANT_NOT_TRUSTED));
            } else {
                assertThat(ok(intent).getFirst().result()).isInstanceOf(Result.Refused.class);
                assertThat(ok(bill).getFirst()).isInstanceOf(BillCustomers.Item.Refused.class);
            }
        }
    }

    @Test
    void another_merchant_can_neither_use_nor_see_an_agreement_or_a_phrase() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of());
        Charge charge = accepted(bill(merchant, agreement.agreementPhrase(), "100"));

        assertThat(refusal(bill(otherMerchant, agreement.agreementPhrase(), "100"))
                        .problem())
                .isEqualTo(BillingProblem.AGREEMENT_NOT_FOUND);
        var stolen = peere.sendBillingIntents()
                .send(intentCommand(otherMerchant, lookupPhrase(merchant), IntentType.RECURRING));
        assertThat(((Result.Refused<Agreement>) ok(stolen).getFirst().result()).problem())
                .isEqualTo(BillingProblem.PHRASE_NOT_FOUND);
        assertThat(peere.findAgreements().find(Caller.of(principal(otherMerchant)), agreement.id()))
                .isEqualTo(Result.refused(BillingProblem.AGREEMENT_NOT_FOUND));
        assertThat(peere.findTransactions().details(Caller.of(principal(otherMerchant)), charge.id()))
                .isEqualTo(Result.refused(BillingProblem.TRANSACTION_NOT_FOUND));
    }

    @Test
    void a_bank_answers_an_intent_and_a_billing_request_once_and_only_before_the_deadline() {
        Agreement proposed = proposed(IntentType.RECURRING);
        ok(respond(proposed, CustomerDecision.APPROVE_RECURRING));
        assertThat(respond(proposed, CustomerDecision.DENY))
                .isEqualTo(Result.refused(BillingProblem.INTENT_ALREADY_ANSWERED));

        Agreement late = proposed(IntentType.RECURRING);
        now.set(now.get().plus(Duration.ofHours(25)));
        assertThat(respond(late, CustomerDecision.APPROVE_RECURRING))
                .isEqualTo(Result.refused(BillingProblem.INTENT_EXPIRED));

        Charge charge = accepted(bill(merchant, proposed.agreementPhrase(), "100"));
        ok(answer(charge, CustomerDecision.APPROVE_ONCE));
        assertThat(answer(charge, CustomerDecision.APPROVE_ONCE))
                .isEqualTo(Result.refused(BillingProblem.BILLING_REQUEST_ALREADY_ANSWERED));
    }

    @Test
    void a_bank_answers_many_billing_requests_in_one_call_each_as_if_it_came_alone() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of());
        Charge batched = accepted(bill(merchant, agreement.agreementPhrase(), "100"));
        Charge declined = accepted(bill(merchant, agreement.agreementPhrase(), "200"));
        Charge answeredBefore = accepted(bill(merchant, agreement.agreementPhrase(), "300"));
        Charge twice = accepted(bill(merchant, agreement.agreementPhrase(), "400"));
        ok(answer(answeredBefore, CustomerDecision.APPROVE_ONCE));

        List<Result<Charge>> results = peere.answerBillingRequests()
                .answerAll(List.of(
                        answerOf(batched, CustomerDecision.APPROVE_ONCE),
                        answerOf(declined, CustomerDecision.DENY),
                        answerOf(answeredBefore, CustomerDecision.APPROVE_ONCE),
                        answerOf(twice, CustomerDecision.APPROVE_ONCE),
                        answerOf(twice, CustomerDecision.DENY),
                        new AnswerBillingRequests.Answer(
                                principal(bank),
                                "chg_not_a_charge",
                                CustomerDecision.APPROVE_ONCE,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())));

        assertThat(results).hasSize(6);
        assertThat(ok(results.get(0)).status()).isEqualTo(ChargeStatus.CONFIRMED);
        assertThat(ok(results.get(0)).bankTransactionId()).contains("bank_" + batched.id());
        assertThat(ok(results.get(1)).status()).isEqualTo(ChargeStatus.FAILED);
        assertThat(results.get(2)).isEqualTo(Result.refused(BillingProblem.BILLING_REQUEST_ALREADY_ANSWERED));
        // Answered twice in the call: the first answer counts, as if they had come one after the other.
        assertThat(ok(results.get(3)).status()).isEqualTo(ChargeStatus.CONFIRMED);
        assertThat(results.get(4)).isEqualTo(Result.refused(BillingProblem.BILLING_REQUEST_ALREADY_ANSWERED));
        assertThat(results.get(5)).isEqualTo(Result.refused(BillingProblem.BILLING_REQUEST_NOT_FOUND));
        // What was stored is what was answered.
        assertThat(opened.stores()
                        .charges()
                        .find(Mode.SANDBOX, batched.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(ChargeStatus.CONFIRMED);
        assertThat(opened.stores()
                        .charges()
                        .find(Mode.SANDBOX, declined.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(ChargeStatus.FAILED);
        assertThat(opened.stores()
                        .charges()
                        .find(Mode.SANDBOX, twice.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(ChargeStatus.CONFIRMED);
    }

    @Test
    void a_call_answers_only_one_banks_billing_requests_and_at_most_the_most_it_takes() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of());
        Charge charge = accepted(bill(merchant, agreement.agreementPhrase(), "100"));
        var other = new AnswerBillingRequests.Answer(
                principal(merchant),
                charge.id(),
                CustomerDecision.APPROVE_ONCE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> peere.answerBillingRequests()
                        .answerAll(List.of(answerOf(charge, CustomerDecision.APPROVE_ONCE), other)))
                .isInstanceOf(IllegalArgumentException.class);
        List<AnswerBillingRequests.Answer> tooMany = java.util.Collections.nCopies(
                AnswerBillingRequests.ANSWERS_PER_CALL_MAX + 1, answerOf(charge, CustomerDecision.APPROVE_ONCE));
        assertThatThrownBy(() -> peere.answerBillingRequests().answerAll(tooMany))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(opened.stores()
                        .charges()
                        .find(Mode.SANDBOX, charge.id())
                        .orElseThrow()
                        .status())
                .as("nothing was answered")
                .isEqualTo(ChargeStatus.PENDING_BANK);
    }

    @Test
    void idempotent_bills_naming_the_same_agreements_in_other_orders_never_wait_for_each_other() throws Exception {
        Agreement first = approvedAgreement(IntentType.RECURRING, Map.of());
        Agreement second = approvedAgreement(IntentType.RECURRING, Map.of());
        List<String> forward = List.of(first.agreementPhrase(), second.agreementPhrase());
        List<String> backward = List.of(second.agreementPhrase(), first.agreementPhrase());
        int calls = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<BillCustomers.Item>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                List<String> phrases = i % 2 == 0 ? forward : backward;
                var key = new IdempotencyKey(Mode.SANDBOX, merchant.id(), "bill-" + i);
                futures.add(pool.submit(() -> {
                    // As the HTTP route with an Idempotency-Key: every phrase's transaction joins the key's.
                    List<List<BillCustomers.Item>> billed = new ArrayList<>();
                    peere.runIdempotently().run(new RunIdempotently.Request(key, "fp"), () -> {
                        billed.add(ok(peere.billCustomers()
                                .bill(new BillCustomers.Command(
                                        Caller.of(principal(merchant)),
                                        phrases,
                                        new BigDecimal("100"),
                                        NGN,
                                        "Monthly plan",
                                        Optional.empty(),
                                        false))));
                        return new StoredResponse(201, "application/json", "{}");
                    });
                    return billed.getFirst();
                }));
            }
            for (int i = 0; i < calls; i++) {
                List<BillCustomers.Item> items = futures.get(i).get();
                List<String> phrases = i % 2 == 0 ? forward : backward;
                // Every bill accepted, its results in the order its phrases were given.
                for (int p = 0; p < phrases.size(); p++) {
                    Charge charge = accepted(items.get(p));
                    String agreementId = phrases.get(p).equals(first.agreementPhrase()) ? first.id() : second.id();
                    assertThat(charge.agreementId()).isEqualTo(agreementId);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deadlines_expire_unanswered_intents_and_charges_and_give_limits_back() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.DAILY, "100"));
        Agreement unanswered = proposed(IntentType.RECURRING);
        Charge charge = accepted(bill(merchant, agreement.agreementPhrase(), "100"));
        assertThat(refusal(bill(merchant, agreement.agreementPhrase(), "100")).problem())
                .isEqualTo(BillingProblem.SPENDING_LIMIT_EXCEEDED);

        now.set(now.get().plus(Duration.ofHours(24)).plusSeconds(1));
        assertThat(answer(charge, CustomerDecision.APPROVE_ONCE))
                .isEqualTo(Result.refused(BillingProblem.BILLING_REQUEST_EXPIRED));
        assertThat(peere.runBillingDeadlines().expireDue(100)).isEqualTo(2);
        assertThat(peere.runBillingDeadlines().expireDue(100)).isZero();
        // After the sweep, a late answer still hears that the deadline passed, not that someone answered.
        assertThat(answer(charge, CustomerDecision.APPROVE_ONCE))
                .isEqualTo(Result.refused(BillingProblem.BILLING_REQUEST_EXPIRED));
        assertThat(respond(unanswered, CustomerDecision.APPROVE_RECURRING))
                .isEqualTo(Result.refused(BillingProblem.INTENT_EXPIRED));

        var expired = ok(peere.findTransactions().details(Caller.of(principal(merchant)), charge.id()));
        assertThat(expired.status()).isEqualTo(ChargeStatus.EXPIRED);
        assertThat(expired.declineReason()).contains(Charge.EXPIRED_REASON);
        assertThat(ok(peere.findAgreements().find(Caller.of(principal(merchant)), unanswered.id()))
                        .status())
                .isEqualTo(AgreementStatus.EXPIRED);
        // Same calendar day in Lagos? 08:00Z + 24 h is the next day: a fresh daily window either way.
        accepted(bill(merchant, agreement.agreementPhrase(), "100"));
    }

    @Test
    void a_bank_answer_that_read_the_billing_request_before_the_sweep_wins_and_the_sweep_changes_nothing()
            throws Exception {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of());
        Charge charge = accepted(bill(merchant, agreement.agreementPhrase(), "100"));
        now.set(charge.dueAt().plusSeconds(1));

        Raced<Charge> raced = whileTheSweepRuns(
                charge.dueAt().minusSeconds(1),
                bankSide -> bankSide.answerBillingRequests()
                        .answer(new AnswerBillingRequests.Answer(
                                principal(bank),
                                charge.id(),
                                CustomerDecision.APPROVE_ONCE,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())));

        assertThat(ok(raced.answer()).status()).isEqualTo(ChargeStatus.CONFIRMED);
        assertThat(raced.expired()).isZero();
        assertThat(details(charge).status()).isEqualTo(ChargeStatus.CONFIRMED);
        assertThat(bankSettlement()).isEqualTo(charge.amount().minor());
    }

    @Test
    void a_bank_answer_to_an_intent_that_read_it_before_the_sweep_wins_and_the_sweep_changes_nothing()
            throws Exception {
        Agreement intent = proposed(IntentType.RECURRING);
        now.set(intent.dueDate().plusSeconds(1));

        Raced<Agreement> raced = whileTheSweepRuns(
                intent.dueDate().minusSeconds(1),
                bankSide -> bankSide.answerIntents().respond(recurringApproval(intent, Optional.empty())));

        assertThat(ok(raced.answer()).status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(raced.expired()).isZero();
        assertThat(find(intent).status()).isEqualTo(AgreementStatus.ACTIVE);
    }

    /** A bank's answer, and how many objects the expiry sweep that ran during it expired. */
    private record Raced<T>(Result<T> answer, int expired) {}

    /**
     * Answers through a core whose clock reads {@code bankTime} (just before the deadline), and at the answer's first
     * read of that clock (after it read the object it answers, before it writes) runs the expiry sweep on another
     * thread on the fixture's clock (past the deadline), giving it a moment to get through before the answer goes on.
     */
    private <T> Raced<T> whileTheSweepRuns(Instant bankTime, Function<Peere, Result<T>> answer) throws Exception {
        ExecutorService sweeper = Executors.newSingleThreadExecutor();
        try {
            AtomicBoolean armed = new AtomicBoolean();
            AtomicReference<Future<Integer>> sweep = new AtomicReference<>();
            Peere bankSide = opened.peere(() -> {
                if (armed.compareAndSet(true, false)) {
                    sweep.set(sweeper.submit(() -> peere.runBillingDeadlines().expireDue(100)));
                    try {
                        sweep.get().get(SWEEP_HEAD_START.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException heldBack) {
                        // The sweep waits for a lock the answer holds: exactly what the answer relies on.
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException("the sweep failed", e);
                    }
                }
                return bankTime;
            });
            armed.set(true);
            Result<T> answered = answer.apply(bankSide);
            assertThat(sweep.get())
                    .as("the answer read its clock, so the sweep ran")
                    .isNotNull();
            return new Raced<>(answered, sweep.get().get(60, TimeUnit.SECONDS));
        } finally {
            sweeper.shutdownNow();
        }
    }

    @Test
    void a_one_time_agreement_takes_one_charge_and_is_then_used_up() {
        Agreement agreement = approvedAgreement(IntentType.ONE_TIME, Map.of());
        Charge charge = accepted(bill(merchant, agreement.agreementPhrase(), "100"));
        assertThat(refusal(bill(merchant, agreement.agreementPhrase(), "100")).problem())
                .isEqualTo(BillingProblem.AGREEMENT_EXHAUSTED);
        ok(answer(charge, CustomerDecision.APPROVE_ONCE));
        assertThat(ok(peere.findAgreements().find(Caller.of(principal(merchant)), agreement.id()))
                        .status())
                .isEqualTo(AgreementStatus.EXHAUSTED);
        assertThat(refusal(bill(merchant, agreement.agreementPhrase(), "100")).problem())
                .isEqualTo(BillingProblem.AGREEMENT_EXHAUSTED);
    }

    @Test
    void amounts_are_exact_currencies_match_and_small_charges_are_refused() {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of());
        assertThat(peere.billCustomers().bill(billCommand(merchant, agreement.agreementPhrase(), "10.001", false)))
                .isEqualTo(Result.refused(BillingProblem.INVALID_AMOUNT));
        assertThat(peere.billCustomers().bill(billCommand(merchant, agreement.agreementPhrase(), "0.99", false)))
                .isEqualTo(Result.refused(BillingProblem.AMOUNT_BELOW_MINIMUM));
        var usd = new BillCustomers.Command(
                Caller.of(principal(merchant)),
                List.of(agreement.agreementPhrase()),
                new BigDecimal("10"),
                Currency.getInstance("USD"),
                "Gym",
                Optional.empty(),
                false);
        var item =
                (BillCustomers.Item.Refused) ok(peere.billCustomers().bill(usd)).getFirst();
        assertThat(item.refusal().problem()).isEqualTo(BillingProblem.CURRENCY_MISMATCH);
    }

    @Test
    void the_sandbox_bank_answers_by_its_documented_rules() {
        ok(peere.simulateBanks().configure(bank.id(), Optional.of(Duration.ZERO)));
        customer("2", "obi+deny@example.com");
        Agreement approved = proposed(IntentType.RECURRING);
        Agreement denied = proposedFor(lookupPhraseOf(merchant, "obi+deny@example.com"));
        now.set(now.get().plusSeconds(1));
        assertThat(peere.simulateBanks().answerDue(100)).isEqualTo(2);
        assertThat(find(approved).status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(find(denied).status()).isEqualTo(AgreementStatus.DENIED);

        Charge paid = accepted(bill(merchant, approved.agreementPhrase(), "100.00"));
        Charge poor = accepted(bill(merchant, approved.agreementPhrase(), "100.51"));
        Charge silent = accepted(bill(merchant, approved.agreementPhrase(), "100.52"));
        now.set(now.get().plusSeconds(1));
        assertThat(peere.simulateBanks().answerDue(100)).isEqualTo(2);
        assertThat(details(paid).status()).isEqualTo(ChargeStatus.CONFIRMED);
        assertThat(details(poor).status()).isEqualTo(ChargeStatus.FAILED);
        assertThat(details(poor).declineReason()).contains("insufficient_funds");
        assertThat(details(silent).status()).isEqualTo(ChargeStatus.PENDING_BANK);
        assertThat(peere.simulateBanks().answerDue(100)).isZero();

        // However many it leaves to expire, they never hide the charges behind them.
        for (int i = 0; i < 3; i++) {
            accepted(bill(merchant, approved.agreementPhrase(), "100.52"));
        }
        Charge behind = accepted(bill(merchant, approved.agreementPhrase(), "100.00"));
        now.set(now.get().plusSeconds(1));
        assertThat(peere.simulateBanks().answerDue(2)).isEqualTo(1);
        assertThat(details(behind).status()).isEqualTo(ChargeStatus.CONFIRMED);
    }

    @Test
    void the_sandbox_bank_answers_only_once_its_delay_has_passed() {
        ok(peere.simulateBanks().configure(bank.id(), Optional.of(Duration.ofSeconds(30))));
        Agreement intent = proposed(IntentType.RECURRING);
        now.set(now.get().plusSeconds(29));
        assertThat(peere.simulateBanks().answerDue(100)).isZero();
        assertThat(find(intent).status()).isEqualTo(AgreementStatus.PENDING);
        now.set(now.get().plusSeconds(2));
        assertThat(peere.simulateBanks().answerDue(100)).isEqualTo(1);
        assertThat(find(intent).status()).isEqualTo(AgreementStatus.ACTIVE);

        Charge charge = accepted(bill(merchant, intent.agreementPhrase(), "100.00"));
        now.set(now.get().plusSeconds(29));
        assertThat(peere.simulateBanks().answerDue(100)).isZero();
        assertThat(details(charge).status()).isEqualTo(ChargeStatus.PENDING_BANK);
        now.set(now.get().plusSeconds(2));
        assertThat(peere.simulateBanks().answerDue(100)).isEqualTo(1);
        assertThat(details(charge).status()).isEqualTo(ChargeStatus.CONFIRMED);
    }

    @Test
    void the_sandbox_bank_answers_many_billing_requests_side_by_side_and_gives_declined_limits_back_exactly() {
        ok(peere.simulateBanks().configure(bank.id(), Optional.of(Duration.ZERO)));
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.MONTHLY, "100000"));
        long confirmedMinor = 0;
        for (int i = 0; i < 40; i++) {
            // Every third bill ends in .51: declined for insufficient funds, its reservation given back.
            String amount = i % 3 == 0 ? "100.51" : "100.00";
            Charge charge = accepted(bill(merchant, agreement.agreementPhrase(), amount));
            confirmedMinor += i % 3 == 0 ? 0 : charge.amount().minor();
        }
        now.set(now.get().plusSeconds(1));

        assertThat(peere.simulateBanks().answerDue(100)).isEqualTo(40);

        var all = ok(peere.findTransactions()
                .history(Caller.of(principal(merchant)), FindTransactions.Query.all(), new PageRequest(0, 100)));
        assertThat(all.items()).hasSize(40).noneMatch(c -> c.status() == ChargeStatus.PENDING_BANK);
        assertThat(all.items().stream().filter(c -> c.status() == ChargeStatus.FAILED))
                .hasSize(14);
        assertThat(monthlyUsed(agreement)).isEqualTo(confirmedMinor);
        assertThat(bankSettlement()).isEqualTo(confirmedMinor);
        assertThat(peere.simulateBanks().answerDue(100)).isZero();
    }

    @Test
    void the_sandbox_bank_confirms_approvals_in_batches_with_each_merchants_fee_and_one_time_agreements_one_by_one() {
        ok(peere.manageFees()
                .set(Mode.SANDBOX, merchant.id().value(), Optional.of(new FeeSchedule(100, 0, 0, Optional.empty()))));
        Agreement ours = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.MONTHLY, "100000"));
        Agreement once = approvedAgreement(IntentType.ONE_TIME, Map.of());
        Agreement theirs = ok(respond(
                ok(ok(peere.sendBillingIntents()
                                .send(intentCommand(otherMerchant, lookupPhrase(otherMerchant), IntentType.RECURRING)))
                        .getFirst()
                        .result()),
                CustomerDecision.APPROVE_RECURRING));
        ok(peere.simulateBanks().configure(bank.id(), Optional.of(Duration.ZERO)));
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            charges.add(accepted(bill(merchant, ours.agreementPhrase(), "200.00")));
            charges.add(accepted(bill(otherMerchant, theirs.agreementPhrase(), "200.00")));
        }
        charges.add(accepted(bill(merchant, once.agreementPhrase(), "200.00")));
        now.set(now.get().plusSeconds(1));

        assertThat(peere.simulateBanks().answerDue(100)).isEqualTo(charges.size());

        for (Charge charge : charges) {
            Charge answered =
                    opened.stores().charges().find(Mode.SANDBOX, charge.id()).orElseThrow();
            assertThat(answered.status()).isEqualTo(ChargeStatus.CONFIRMED);
            assertThat(answered.bankTransactionId()).contains("sim_" + charge.id());
            // 1 % for our merchant's own schedule, the network's 1.5 % for the other.
            assertThat(answered.fee())
                    .isEqualTo(Money.of(charge.merchantId().equals(merchant.id()) ? 200 : 300, "NGN"));
        }
        assertThat(find(once).status()).isEqualTo(AgreementStatus.EXHAUSTED);
        assertThat(monthlyUsed(ours)).isEqualTo(12 * 20_000);
        assertThat(bankSettlement()).isEqualTo(25 * 20_000);
        assertThat(payable(merchant)).isEqualTo(13 * (20_000 - 200));
        assertThat(payable(otherMerchant)).isEqualTo(12 * (20_000 - 300));
        assertThat(peere.simulateBanks().answerDue(100)).isZero();
    }

    @Test
    void the_sandbox_banks_batched_confirmations_send_each_billing_response_once_to_the_merchant_and_its_provider() {
        Participant provider = register(new Profile.ProviderProfile());
        Participant ofProvider = merchantOf(provider);
        Agreement agreement = approvedRecurringOf(ofProvider);
        WebhookEndpointId toMerchant = endpoint(ofProvider);
        WebhookEndpointId toProvider = endpoint(provider);
        ok(peere.simulateBanks().configure(bank.id(), Optional.of(Duration.ZERO)));
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            charges.add(accepted(bill(ofProvider, agreement.agreementPhrase(), "100.00")));
        }
        now.set(now.get().plusSeconds(1));

        assertThat(peere.simulateBanks().answerDue(100)).isEqualTo(charges.size());

        // billing.request to the bank was each charge's event 1; its billing.response is 2 to the merchant, 3 to
        // the provider (one sequence per object), exactly once each.
        for (var side : List.of(Map.entry(ofProvider, toMerchant), Map.entry(provider, toProvider))) {
            List<WebhookEvent> received = receivedBy(side.getKey(), side.getValue());
            assertThat(received).allMatch(e -> e.type() == EventType.BILLING_RESPONSE);
            assertThat(received.stream().map(WebhookEvent::objectId))
                    .containsExactlyInAnyOrderElementsOf(
                            charges.stream().map(Charge::id).toList());
            assertThat(received)
                    .allMatch(e -> e.sequence() == (side.getKey().equals(provider) ? 3 : 2))
                    .allMatch(e -> e.item().contains("\"customerAction\":\"accepted\""));
        }
    }

    @Test
    void a_providers_merchant_and_the_provider_both_hear_the_decision_and_a_single_bank_answer() {
        Participant provider = register(new Profile.ProviderProfile());
        Participant ofProvider = merchantOf(provider);
        WebhookEndpointId toMerchant = endpoint(ofProvider);
        WebhookEndpointId toProvider = endpoint(provider);
        Agreement agreement = approvedRecurringOf(ofProvider);
        Charge charge = accepted(bill(ofProvider, agreement.agreementPhrase(), "100.00"));

        ok(answer(charge, CustomerDecision.APPROVE_RECURRING));

        for (var side : List.of(Map.entry(ofProvider, toMerchant), Map.entry(provider, toProvider))) {
            List<WebhookEvent> received = receivedBy(side.getKey(), side.getValue());
            assertThat(received)
                    .as("to " + side.getKey().id())
                    .extracting(WebhookEvent::type, WebhookEvent::objectId)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(EventType.BILLING_INTENT_RESPONSE, agreement.id()),
                            org.assertj.core.groups.Tuple.tuple(EventType.BILLING_RESPONSE, charge.id()));
            assertThat(received)
                    .filteredOn(e -> e.type() == EventType.BILLING_RESPONSE)
                    .allMatch(e -> e.item().contains("\"customerAction\":\"accepted\""));
        }
    }

    /** A trusted ENHANCED merchant of the provider. */
    private Participant merchantOf(Participant provider) {
        return register(new Profile.MerchantProfile(
                Optional.of(provider.id()),
                new MerchantTrust(
                        MerchantTrust.Trusted.TRUSTED, TrustLevel.ENHANCED, MerchantTrust.DeviceLookup.ENABLED),
                ContactDetails.none()));
    }

    /** A recurring agreement the merchant asked for and the bank approved. */
    private Agreement approvedRecurringOf(Participant merchant) {
        return ok(respond(
                ok(ok(peere.sendBillingIntents()
                                .send(intentCommand(merchant, lookupPhrase(merchant), IntentType.RECURRING)))
                        .getFirst()
                        .result()),
                CustomerDecision.APPROVE_RECURRING));
    }

    /** An enabled endpoint of the participant that takes every event type. */
    private WebhookEndpointId endpoint(Participant owner) {
        var id = new WebhookEndpointId("we_" + owner.id().value());
        opened.stores()
                .webhookEndpoints()
                .insert(new WebhookEndpoint(
                        id,
                        owner.id(),
                        Mode.SANDBOX,
                        java.net.URI.create("https://receiver.test/hooks"),
                        Set.of(EventType.values()),
                        EndpointStatus.ENABLED,
                        EndpointSecrets.of(new SealedSecret("v1:sealed")),
                        now.get(),
                        now.get()));
        return id;
    }

    /** The events queued for the endpoint, across its deliveries. */
    private List<WebhookEvent> receivedBy(Participant owner, WebhookEndpointId endpoint) {
        var deliveries = opened.stores()
                .webhookDeliveries()
                .list(Mode.SANDBOX, owner.id(), endpoint, Optional.empty(), new PageRequest(0, 100));
        return deliveries.items().stream()
                .flatMap(d -> d.eventIds().stream())
                .map(id -> opened.stores()
                        .eventOutbox()
                        .find(Mode.SANDBOX, owner.id(), id)
                        .orElseThrow())
                .toList();
    }

    @Test
    void a_bank_answering_while_the_sandbox_bank_answers_in_batches_answers_each_billing_request_once()
            throws Exception {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.MONTHLY, "100000"));
        ok(peere.simulateBanks().configure(bank.id(), Optional.of(Duration.ZERO)));
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            charges.add(accepted(bill(merchant, agreement.agreementPhrase(), "100.00")));
        }
        now.set(now.get().plusSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            Future<Integer> simulated = pool.submit(() -> {
                start.await();
                return peere.simulateBanks().answerDue(100);
            });
            Future<List<Result<Charge>>> declined = pool.submit(() -> {
                start.await();
                List<Result<Charge>> answers = new ArrayList<>();
                // From the newest, so the two sides meet in the middle.
                for (Charge charge : charges.reversed()) {
                    answers.add(answer(charge, CustomerDecision.DENY));
                }
                return answers;
            });
            start.countDown();
            int confirmedBySimulator = simulated.get(60, TimeUnit.SECONDS);
            List<Result<Charge>> answers = declined.get(60, TimeUnit.SECONDS);

            long declinedByBank =
                    answers.stream().filter(a -> a instanceof Result.Ok<?>).count();
            assertThat(answers)
                    .filteredOn(a -> !(a instanceof Result.Ok<?>))
                    .allMatch(a -> a.equals(Result.refused(BillingProblem.BILLING_REQUEST_ALREADY_ANSWERED)));
            assertThat(confirmedBySimulator + declinedByBank).isEqualTo(charges.size());
            long confirmed = charges.stream()
                    .filter(c -> details(c).status() == ChargeStatus.CONFIRMED)
                    .count();
            assertThat(confirmed).isEqualTo(confirmedBySimulator);
            assertThat(charges.stream().filter(c -> details(c).status() == ChargeStatus.FAILED))
                    .hasSize((int) declinedByBank);
            assertThat(monthlyUsed(agreement)).isEqualTo(confirmed * 10_000);
            assertThat(bankSettlement()).isEqualTo(confirmed * 10_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void two_hundred_concurrent_bills_on_one_agreement_never_overspend_and_declines_and_expiries_give_back_exactly()
            throws Exception {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.MONTHLY, "50000"));
        int bills = 200;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<BillCustomers.Item>> futures = new ArrayList<>();
        for (int i = 0; i < bills; i++) {
            // 100.00 .. 599.00: 200 bills ask for about 70,000, well past the 50,000 cap.
            String amount = (100 + (i * 37) % 500) + ".00";
            futures.add(pool.submit(() -> {
                start.await();
                return bill(merchant, agreement.agreementPhrase(), amount);
            }));
        }
        start.countDown();
        List<Charge> accepted = new ArrayList<>();
        int refused = 0;
        for (var future : futures) {
            switch (future.get()) {
                case BillCustomers.Item.Accepted a -> accepted.add(a.charge());
                case BillCustomers.Item.Refused r -> {
                    assertThat(r.refusal().problem()).isEqualTo(BillingProblem.SPENDING_LIMIT_EXCEEDED);
                    refused++;
                }
                case BillCustomers.Item.WouldAccept w -> throw new AssertionError("not a dry run");
            }
        }
        pool.shutdown();
        long acceptedMinor =
                accepted.stream().mapToLong(c -> c.amount().minor()).sum();
        assertThat(acceptedMinor).isLessThanOrEqualTo(5_000_000);
        assertThat(refused).isPositive();
        assertThat(monthlyUsed(agreement)).isEqualTo(acceptedMinor);

        // The bank confirms a third of the charges, declines a third and leaves the rest to expire; then the
        // reservation equals the confirmed sum, which is what the ledger says the bank owes.
        long confirmedMinor = 0;
        long toMerchantMinor = 0;
        long unansweredMinor = 0;
        int unanswered = 0;
        for (int i = 0; i < accepted.size(); i++) {
            if (i % 3 == 2) {
                unansweredMinor += accepted.get(i).amount().minor();
                unanswered++;
                continue;
            }
            boolean confirm = i % 3 == 0;
            Charge answered =
                    ok(answer(accepted.get(i), confirm ? CustomerDecision.APPROVE_RECURRING : CustomerDecision.DENY));
            confirmedMinor += confirm ? answered.amount().minor() : 0;
            toMerchantMinor +=
                    confirm ? answered.amount().minor() - answered.fee().minor() : 0;
        }
        assertThat(unanswered).isPositive();
        assertThat(monthlyUsed(agreement)).isEqualTo(confirmedMinor + unansweredMinor);
        now.set(now.get().plus(Duration.ofHours(24)).plusSeconds(1));
        assertThat(peere.runBillingDeadlines().expireDue(1_000)).isEqualTo(unanswered);
        assertThat(accepted.stream().filter(c -> details(c).status() == ChargeStatus.EXPIRED))
                .hasSize(unanswered);
        assertThat(monthlyUsed(agreement)).isEqualTo(confirmedMinor);
        assertThat(bankSettlement()).isEqualTo(confirmedMinor);
        assertThat(payable(merchant)).isEqualTo(toMerchantMinor);
    }

    @Test
    void bills_answers_suspensions_and_expiries_racing_on_one_agreement_never_deadlock_or_lose_a_reservation()
            throws Exception {
        Agreement agreement = approvedAgreement(IntentType.RECURRING, Map.of(LimitKind.DAILY, "1000000"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        var accepted = new java.util.concurrent.ConcurrentLinkedQueue<Charge>();
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                if (bill(merchant, agreement.agreementPhrase(), "100") instanceof BillCustomers.Item.Accepted a) {
                    accepted.add(a.charge());
                }
                Charge mine = accepted.poll();
                if (mine != null) {
                    // Answers race with bills: confirm most, decline some, and once suspend then resume.
                    CustomerDecision action = n % 3 == 0 ? CustomerDecision.DENY : CustomerDecision.APPROVE_ONCE;
                    answer(mine, action);
                }
                if (n == 30) {
                    peere.answerIntents()
                            .change(new AnswerIntents.Change(
                                    principal(bank),
                                    agreement.id(),
                                    Optional.of(CustomerDecision.SUSPENDED),
                                    Optional.empty(),
                                    Optional.empty()));
                    peere.answerIntents()
                            .change(new AnswerIntents.Change(
                                    principal(bank),
                                    agreement.id(),
                                    Optional.of(CustomerDecision.APPROVE_RECURRING),
                                    Optional.empty(),
                                    Optional.empty()));
                }
                return null;
            }));
        }
        for (var w : work) {
            w.get(); // a deadlock or a lost update would surface here as an exception
        }
        pool.shutdown();
        // What is still pending expires; then the window holds exactly the confirmed charges.
        now.set(now.get().plus(Duration.ofHours(24)).plusSeconds(1));
        peere.runBillingDeadlines().expireDue(1_000);
        var all = ok(peere.findTransactions()
                .history(Caller.of(principal(merchant)), FindTransactions.Query.all(), new PageRequest(0, 100)));
        assertThat(all.items()).noneMatch(c -> c.status() == ChargeStatus.PENDING_BANK);
        long confirmed = all.items().stream()
                .filter(c -> c.status() == ChargeStatus.CONFIRMED)
                .mapToLong(c -> c.amount().minor())
                .sum();
        now.set(now.get().minus(Duration.ofHours(24)).minusSeconds(1));
        var report = ok(peere.findAgreements().limits(Caller.of(principal(merchant)), agreement.id()));
        assertThat(report.limits().getFirst().kind()).isEqualTo(LimitKind.DAILY);
        assertThat(report.limits().getFirst().used().minor()).isEqualTo(confirmed);
        assertThat(bankSettlement()).isEqualTo(confirmed);
    }

    /** What the ledger says the bank owes for confirmed charges. */
    private long bankSettlement() {
        return opened.stores()
                .ledger()
                .trialBalance(Mode.SANDBOX)
                .balance(new Account(AccountType.BANK_SETTLEMENT, bank.id().value()), NGN);
    }

    /** What the ledger says the network owes the merchant for its confirmed charges, less fees. */
    private long payable(Participant owner) {
        return -opened.stores()
                .ledger()
                .trialBalance(Mode.SANDBOX)
                .balance(new Account(AccountType.MERCHANT_PAYABLE, owner.id().value()), NGN);
    }

    private long monthlyUsed(Agreement agreement) {
        var report = ok(peere.findAgreements().limits(Caller.of(principal(merchant)), agreement.id()));
        return report.limits().stream()
                .filter(l -> l.kind() == LimitKind.MONTHLY)
                .findFirst()
                .orElseThrow()
                .used()
                .minor();
    }
}
