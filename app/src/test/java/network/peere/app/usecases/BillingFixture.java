package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import network.peere.app.testing.StoreBackend;
import network.peere.app.testing.TestCustomers;
import network.peere.app.testing.TestNetwork;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.SendBillingIntents;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.participant.RegisterParticipant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A small network on one store (a bank with a customer, two merchants) driven through {@link Peere} on a clock the
 * test moves, with the steps billing scenarios share; the ledger sums to zero after every scenario.
 */
abstract class BillingFixture {
    static final Actor TEST = Actor.system("billing use-case test");
    static final Currency NGN = Currency.getInstance("NGN");

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T08:00:00Z"));
    private final StoreBackend backend;
    StoreBackend.Opened opened;
    Peere peere;
    Participant bank;
    Participant merchant;
    Participant otherMerchant;
    BatchItem.Created ada;

    BillingFixture(StoreBackend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void createNetwork() {
        opened = backend.open();
        peere = peereOn(opened);
        bank = register(new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE));
        merchant = merchant(TrustLevel.ENHANCED);
        otherMerchant = merchant(TrustLevel.ENHANCED);
        ada = customer("1", "ada@example.com");
    }

    @AfterEach
    void ledgerBalancesThenRelease() throws Exception {
        try {
            assertThat(opened.stores().ledger().trialBalance(Mode.SANDBOX).sumsToZero())
                    .as("the journal sums to zero per currency")
                    .isTrue();
        } finally {
            opened.close();
        }
    }

    // ---- fixture

    /** The core under test; suites that deliver webhooks configure them here. */
    Peere peereOn(StoreBackend.Opened stores) {
        return stores.peere(now::get);
    }

    Participant register(Profile profile) {
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(Mode.SANDBOX, "Name", "x@example.test", profile, TEST));
        return ((RegisterParticipant.Registration.Registered) outcome).participant();
    }

    private Participant merchant(TrustLevel level) {
        return register(new Profile.MerchantProfile(
                Optional.empty(),
                new MerchantTrust(MerchantTrust.Trusted.TRUSTED, level, MerchantTrust.DeviceLookup.ENABLED),
                ContactDetails.none()));
    }

    BatchItem.Created customer(String n, String email) {
        var outcome = peere.migrateCustomers()
                .migrate(new MigrateCustomers.Command(
                        Mode.SANDBOX, bank.id(), List.of(TestCustomers.draft(n, email)), TEST));
        return (BatchItem.Created)
                ((MigrateCustomers.Migration.Processed) outcome).batch().items().getFirst();
    }

    static Principal principal(Participant participant) {
        return new Principal(participant.id(), Mode.SANDBOX, participant.role(), new ApiKeyId("key_test"));
    }

    String lookupPhrase(Participant forMerchant) {
        return lookupPhraseOf(forMerchant, "ada@example.com");
    }

    String lookupPhraseOf(Participant forMerchant, String email) {
        return TestNetwork.foundByEmail(peere, forMerchant, email)
                .banks()
                .getFirst()
                .phrase();
    }

    SendBillingIntents.Command intentCommand(Participant from, String phrase, IntentType type) {
        return new SendBillingIntents.Command(
                Caller.of(principal(from)),
                List.of(phrase),
                type,
                NGN,
                "Gym membership",
                Optional.empty(),
                Map.of(),
                Optional.empty());
    }

    List<SendBillingIntents.Item> intentItems(Participant from, IntentType type) {
        return ok(peere.sendBillingIntents().send(intentCommand(from, lookupPhrase(from), type)));
    }

    Agreement proposed(IntentType type) {
        return ok(intentItems(merchant, type).getFirst().result());
    }

    Agreement proposedFor(String phrase) {
        return ok(ok(peere.sendBillingIntents().send(intentCommand(merchant, phrase, IntentType.RECURRING)))
                .getFirst()
                .result());
    }

    Result<Agreement> respond(Agreement intent, CustomerDecision decision) {
        return respond(intent, decision, Map.of());
    }

    Result<Agreement> respond(Agreement intent, CustomerDecision decision, Map<LimitKind, String> limits) {
        return respond(intent, decision, limits, false);
    }

    Result<Agreement> respond(
            Agreement intent, CustomerDecision decision, Map<LimitKind, String> limits, boolean blockMerchant) {
        Map<LimitKind, BigDecimal> major = new HashMap<>();
        limits.forEach((kind, value) -> major.put(kind, new BigDecimal(value)));
        return peere.answerIntents()
                .respond(new AnswerIntents.Response(
                        principal(bank),
                        intent.intentReference(),
                        Optional.of(intent.customerId().value()),
                        Optional.of(intent.merchantId()),
                        Optional.of(intent.lookupPhrase()),
                        decision,
                        limits.isEmpty() ? Optional.empty() : Optional.of(major),
                        blockMerchant));
    }

    /** The bank's {@code approve_recurring} of the intent, named by its reference alone, ending when given. */
    AnswerIntents.Response recurringApproval(Agreement intent, Optional<Instant> expiresAt) {
        return new AnswerIntents.Response(
                principal(bank),
                intent.intentReference(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                CustomerDecision.APPROVE_RECURRING,
                Optional.empty(),
                false,
                expiresAt);
    }

    /** {@code approve_recurring} with this expiry, as the bank's answer. */
    Result<Agreement> respondExpiring(Agreement intent, Instant expiresAt) {
        return peere.answerIntents().respond(recurringApproval(intent, Optional.of(expiresAt)));
    }

    /** The bank's change of an agreement's expiry and nothing else. */
    Result<Agreement> changeExpiry(Agreement agreement, Optional<Instant> expiresAt) {
        return peere.answerIntents()
                .change(new AnswerIntents.Change(
                        principal(bank),
                        agreement.id(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new AnswerIntents.Expiry(expiresAt))));
    }

    Agreement approvedAgreement(IntentType type, Map<LimitKind, String> limits) {
        Agreement intent = proposed(type);
        CustomerDecision decision =
                type == IntentType.ONE_TIME ? CustomerDecision.APPROVE_ONCE : CustomerDecision.APPROVE_RECURRING;
        return ok(respond(intent, decision, limits));
    }

    BillCustomers.Command billCommand(Participant from, String phrase, String amount, boolean dryRun) {
        return new BillCustomers.Command(
                Caller.of(principal(from)),
                List.of(phrase),
                new BigDecimal(amount),
                NGN,
                "Monthly plan",
                Optional.empty(),
                dryRun);
    }

    List<BillCustomers.Item> billItems(Participant from, String phrase, String amount, boolean dryRun) {
        return ok(peere.billCustomers().bill(billCommand(from, phrase, amount, dryRun)));
    }

    BillCustomers.Item bill(Participant from, String phrase, String amount) {
        return billItems(from, phrase, amount, false).getFirst();
    }

    static Charge accepted(BillCustomers.Item item) {
        assertThat(item).isInstanceOf(BillCustomers.Item.Accepted.class);
        return ((BillCustomers.Item.Accepted) item).charge();
    }

    static Result.Refused<?> refusal(BillCustomers.Item item) {
        assertThat(item).isInstanceOf(BillCustomers.Item.Refused.class);
        return ((BillCustomers.Item.Refused) item).refusal();
    }

    Result<Charge> answer(Charge charge, CustomerDecision action) {
        return peere.answerBillingRequests().answer(answerOf(charge, action));
    }

    /** The bank's answer to {@code charge}, with {@code bank_<charge id>} as its transaction id. */
    AnswerBillingRequests.Answer answerOf(Charge charge, CustomerDecision action) {
        return new AnswerBillingRequests.Answer(
                principal(bank),
                charge.id(),
                action,
                Optional.empty(),
                Optional.of("bank_" + charge.id()),
                Optional.empty());
    }

    /** The billing request a recurring run submitted. */
    Charge chargeOf(network.peere.core.domain.recurring.Run run) {
        return opened.stores()
                .charges()
                .find(Mode.SANDBOX, run.chargeId().orElseThrow())
                .orElseThrow();
    }

    /** The bank declines the run's billing request for {@code reason}. */
    Charge decline(network.peere.core.domain.recurring.Run run, String reason) {
        return ok(peere.answerBillingRequests()
                .answer(new AnswerBillingRequests.Answer(
                        principal(bank),
                        run.chargeId().orElseThrow(),
                        CustomerDecision.DENY,
                        Optional.of(reason),
                        Optional.empty(),
                        Optional.empty())));
    }

    Agreement find(Agreement agreement) {
        return ok(peere.findAgreements().find(Caller.of(principal(merchant)), agreement.id()));
    }

    Charge details(Charge charge) {
        return ok(peere.findTransactions().details(Caller.of(principal(merchant)), charge.id()));
    }

    static <T> T ok(Result<T> result) {
        assertThat(result).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<T>) result).value();
    }

    static <T> List<T> list(List<T> items) {
        return new ArrayList<>(items);
    }
}
