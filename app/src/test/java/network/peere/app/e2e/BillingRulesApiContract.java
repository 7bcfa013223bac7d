package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.app.e2e.SandboxNetwork.Customer;
import network.peere.app.testing.Response;
import network.peere.app.testing.ShiftedClock;
import network.peere.core.services.billing.BankSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Billing's rules off the happy path, end to end on the real server, every answer checked against docs/openapi.yaml:
 * the sandbox bank's {@code +suspend} and {@code +block} rules, a bank's {@code suspended} answer to a billing
 * request, the operator's minimum amounts, answers after the deadline, and sandbox and live kept apart. The server
 * runs on a clock the test moves forward. One subclass per database.
 */
abstract class BillingRulesApiContract extends SandboxPartiesContract {
    /** USD bills start at 5.00 (500 cents); NGN keeps the default minimum of one naira. */
    static final Map<String, String> SETTINGS = withMinimumAmounts("USD:500");

    final ShiftedClock clock = new ShiftedClock();

    BillingRulesApiContract() {
        super("Rules Test Bank", "Rules Shop");
    }

    private static Map<String, String> withMinimumAmounts(String minimums) {
        Map<String, String> settings = new HashMap<>(BillingApiContract.FAST_DELIVERY);
        settings.put("PEERE_MINIMUM_AMOUNTS", minimums);
        return Map.copyOf(settings);
    }

    @BeforeAll
    void subscribeToWebhooks() {
        network.webhookEndpoint(
                merchant, webhooks.url("/merchant"), List.of("billing.intent.response", "billing.response"));
    }

    // ---- the sandbox bank's rules (docs/sandbox.md)

    @Test
    void the_sandbox_bank_suspends_a_plus_suspend_customers_intent_and_bills_wait_until_the_bank_resumes_it() {
        Decided sandboxed = decidedBySandboxBank("Suspend Bank", "+suspend");
        String simulatedBank = sandboxed.bankKey();
        String decisionId = sandboxed.decisionId();
        String agreementPhrase = sandboxed.agreementPhrase();
        JsonNode decided = sandboxed.item();
        assertThat(decided.get("customerDecision").asText()).isEqualTo("suspended");
        assertThat(decided.get("status").asText()).isEqualTo("paused");
        JsonNode refused = billOne(merchant, agreementPhrase, "100");
        assertThat(refused.get("statusCode").asInt()).isEqualTo(409);
        assertThat(refused.get("code").asText()).isEqualTo("agreement_suspended");

        // Only the bank lifts a suspension; then the sandbox bank approves the next bill as usual.
        Response resumed = api.put(
                "/v1/bank/customer-decisions/" + decisionId, simulatedBank, "{\"decision\":\"approve_recurring\"}");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        String reference =
                billOne(merchant, agreementPhrase, "100").get("reference").asText();
        assertThat(webhooks.awaitItem("billing.response", merchantId, "reference", reference)
                        .get("customerAction")
                        .asText())
                .isEqualTo("accepted");
    }

    @Test
    void the_sandbox_bank_gives_a_plus_expire_customers_agreement_two_minutes_then_bills_are_refused() {
        Decided sandboxed = decidedBySandboxBank("Expiry Bank", "+expire");
        String decisionId = sandboxed.decisionId();
        String agreementPhrase = sandboxed.agreementPhrase();
        JsonNode decided = sandboxed.item();
        assertThat(decided.get("customerDecision").asText()).isEqualTo("approve_recurring");
        Instant expiresAt = Instant.parse(decided.get("expiresAt").asText());
        assertThat(Duration.between(clock.now(), expiresAt))
                .isPositive()
                .isLessThanOrEqualTo(BankSimulator.EXPIRES_AFTER);
        assertThat(billOne(merchant, agreementPhrase, "100").has("reference")).isTrue();

        clock.advance(BankSimulator.EXPIRES_AFTER);
        JsonNode refused = billOne(merchant, agreementPhrase, "100");
        assertThat(refused.get("statusCode").asInt()).isEqualTo(409);
        assertThat(refused.get("code").asText()).isEqualTo("agreement_expired");
        webhooks.awaitDecision(merchantId, decisionId, "expired");
    }

    @Test
    void the_sandbox_bank_blocks_the_merchant_for_a_plus_block_customer_so_its_next_bill_and_intents_are_refused() {
        String bankId = network.create("/v1/operator/banks", "{\"name\":\"Block Bank\",\"email\":\"ops@block.test\"}");
        String bankKey = network.keyOf(bankId);
        Customer customer = network.newCustomer(bankKey, "+block");
        // Before the operator hands the bank to the simulator, its own integration approved an agreement.
        JsonNode earlier = network.recurringIntent(merchant, customer);
        network.approveRecurring(bankKey, customer, earlier, Optional.empty());
        String earlierPhrase = earlier.get("agreementPhrase").asText();
        assertThat(billOne(merchant, earlierPhrase, "100").get("success").asBoolean())
                .isTrue();

        network.simulate(bankId);
        JsonNode blocking = network.recurringIntent(merchant, customer);
        JsonNode denied = webhooks.awaitItem(
                "billing.intent.response",
                merchantId,
                "customerDecisionId",
                blocking.get("customerDecisionId").asText());
        assertThat(denied.get("customerDecision").asText()).isEqualTo("deny");
        assertThat(denied.get("status").asText()).isEqualTo("denied");
        assertThat(denied.get("blockMerchant").asBoolean()).isTrue();

        JsonNode bill = billOne(merchant, earlierPhrase, "100");
        assertThat(bill.get("statusCode").asInt()).isEqualTo(403);
        assertThat(bill.get("code").asText()).isEqualTo("merchant_blocked");
        Response intent = api.post(
                "/v1/billing/intent",
                merchant,
                "{\"lookupPhrases\":[\"" + network.lookUp(merchant, customer)
                        + "\"],\"currency\":\"NGN\",\"description\":\"Again\",\"type\":\"recurring\"}");
        assertThat(intent.status()).as(intent.body()).isEqualTo(207);
        assertThat(intent.json().get(0).get("statusCode").asInt()).isEqualTo(403);
        assertThat(intent.json().get(0).get("code").asText()).isEqualTo("merchant_blocked");
        // The block is the customer's answer to this merchant alone.
        assertThat(network.recurringIntent(otherMerchant, customer)
                        .get("success")
                        .asBoolean())
                .isTrue();
    }

    // ---- a real bank's answers

    @Test
    void a_banks_suspended_answer_declines_the_billing_request_pauses_the_agreement_and_gives_the_limit_back() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{\"daily\":1000}");
        String decisionId = decisionOf(agreementPhrase);
        String reference =
                billOne(merchant, agreementPhrase, "600").get("reference").asText();

        Response answered = api.post(
                "/v1/billing/bank-response",
                bank,
                "{\"billingRequestId\":\"" + reference
                        + "\",\"action\":\"suspended\",\"declineReason\":\"customer_paused_payments\"}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.data().get("status").asText()).isEqualTo("failed");
        assertThat(answered.data().get("customerAction").asText()).isEqualTo("declined");
        JsonNode declined = webhooks.awaitItem("billing.response", merchantId, "reference", reference);
        assertThat(declined.get("customerAction").asText()).isEqualTo("declined");
        assertThat(declined.get("declineReason").asText()).isEqualTo("customer_paused_payments");
        JsonNode paused = webhooks.awaitDecision(merchantId, decisionId, "paused");
        assertThat(paused.get("customerDecision").asText()).isEqualTo("suspended");

        JsonNode refused = billOne(merchant, agreementPhrase, "100");
        assertThat(refused.get("statusCode").asInt()).isEqualTo(409);
        assertThat(refused.get("code").asText()).isEqualTo("agreement_suspended");

        // Resumed by the bank, the agreement bills its whole daily limit: the declined 600 holds none of it.
        Response resumed =
                api.put("/v1/bank/customer-decisions/" + decisionId, bank, "{\"decision\":\"approve_recurring\"}");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(billOne(merchant, agreementPhrase, "1000").get("success").asBoolean())
                .isTrue();
    }

    @Test
    void a_bank_answering_after_the_deadline_hears_the_intent_or_billing_request_expired_before_and_after_the_sweep() {
        Customer customer = newCustomer();
        JsonNode intentAnsweredAtOnce = network.recurringIntent(merchant, customer);
        JsonNode intentAnsweredSwept = network.recurringIntent(merchant, customer);
        String agreementPhrase = approvedAgreement(customer);
        String chargeAnsweredAtOnce =
                billOne(merchant, agreementPhrase, "100").get("reference").asText();
        String chargeAnsweredSwept =
                billOne(merchant, agreementPhrase, "200").get("reference").asText();

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        // At once: the sweep (every 5 s) has most likely not marked them yet; the answer is the same either way.
        assertConflict(
                network.answerRecurring(bank, customer, intentAnsweredAtOnce, Optional.empty()), "intent_expired");
        assertConflict(answerBillingRequest(bank, chargeAnsweredAtOnce), "billing_request_expired");

        // Once the sweep has marked them and the merchant has heard so.
        String sweptDecision = intentAnsweredSwept.get("customerDecisionId").asText();
        webhooks.awaitDecision(merchantId, sweptDecision, "expired");
        JsonNode expired = webhooks.awaitItem("billing.response", merchantId, "reference", chargeAnsweredSwept);
        assertThat(expired.get("customerAction").asText()).isEqualTo("declined");
        assertThat(expired.get("declineReason").asText()).isEqualTo("expired");
        assertConflict(
                network.answerRecurring(bank, customer, intentAnsweredSwept, Optional.empty()), "intent_expired");
        assertConflict(answerBillingRequest(bank, chargeAnsweredSwept), "billing_request_expired");

        for (String reference : List.of(chargeAnsweredAtOnce, chargeAnsweredSwept)) {
            Response details = api.get("/v1/transaction-details/" + reference, merchant);
            assertThat(details.data().get("status").asText()).isEqualTo("failed");
            assertThat(details.data().get("declineReason").asText()).isEqualTo("expired");
        }
        assertThat(api.get("/v1/customer-decisions/" + sweptDecision, merchant)
                        .data()
                        .get("status")
                        .asText())
                .isEqualTo("expired");
        JsonNode dead =
                billOne(merchant, intentAnsweredSwept.get("agreementPhrase").asText(), "100");
        assertThat(dead.get("statusCode").asInt()).isEqualTo(409);
        assertThat(dead.get("code").asText()).isEqualTo("agreement_expired");
    }

    // ---- the operator's settings

    @Test
    void a_bill_below_the_configured_minimum_for_its_currency_is_refused_and_one_at_the_minimum_is_taken() {
        Customer customer = newCustomer();
        JsonNode dollars = network.recurringIntent(merchant, customer, "USD");
        network.approveRecurring(bank, customer, dollars, Optional.empty());
        String dollarPhrase = dollars.get("agreementPhrase").asText();
        String nairaPhrase = approvedAgreement(customer);

        Response belowDollars = bill(merchant, dollarPhrase, "4.99", "USD");
        assertThat(belowDollars.status()).as(belowDollars.body()).isEqualTo(422);
        assertThat(belowDollars.code()).isEqualTo("amount_below_minimum");
        assertThat(bill(merchant, dollarPhrase, "5", "USD").status()).isEqualTo(201);
        // Without a configured minimum, a currency's minimum is one major unit.
        Response belowNaira = bill(merchant, nairaPhrase, "0.99", "NGN");
        assertThat(belowNaira.status()).as(belowNaira.body()).isEqualTo(422);
        assertThat(belowNaira.code()).isEqualTo("amount_below_minimum");
        assertThat(bill(merchant, nairaPhrase, "1", "NGN").status()).isEqualTo(201);

        assertThat(history(merchant, "customerId=" + customer.id()).get("total").asLong())
                .as("a refused bill writes nothing")
                .isEqualTo(2);
    }

    // ---- modes

    @Test
    void sandbox_and_live_keys_never_see_or_answer_each_others_intents_agreements_or_billing_requests() {
        String liveOperator = server.liveOperatorKey();
        String liveBank = network.keyOf(
                liveOperator,
                network.create(
                        liveOperator,
                        "/v1/operator/banks",
                        "{\"name\":\"Live Bank\",\"email\":\"ops@live-bank.test\"}"));
        String liveMerchant = network.keyOf(
                liveOperator,
                network.create(
                        liveOperator,
                        "/v1/operator/merchants",
                        "{\"name\":\"Live Shop\",\"email\":\"shop@live-shop.test\"}"));
        Billed sandbox = billedWithAPendingIntent(bank, merchant);
        Billed live = billedWithAPendingIntent(liveBank, liveMerchant);

        assertHidden(sandbox, liveBank, liveMerchant);
        assertHidden(live, bank, merchant);

        // Nothing the other mode tried took effect: each mode's own bank still answers its own objects.
        assertStillAnswerable(sandbox, bank);
        assertStillAnswerable(live, liveBank);
    }

    /** One mode's objects: a customer, an intent still pending, and an approved agreement with a pending charge. */
    /** A recurring intent to a new simulated bank's customer marked {@code rule}, and the bank's decision webhook. */
    private record Decided(String bankKey, String decisionId, String agreementPhrase, JsonNode item) {}

    private Decided decidedBySandboxBank(String bankName, String rule) {
        String bankKey = network.keyOf(network.simulatedBank(bankName));
        JsonNode intent = network.recurringIntent(merchant, network.newCustomer(bankKey, rule));
        String decisionId = intent.get("customerDecisionId").asText();
        JsonNode item = webhooks.awaitItem("billing.intent.response", merchantId, "customerDecisionId", decisionId);
        return new Decided(bankKey, decisionId, intent.get("agreementPhrase").asText(), item);
    }

    private record Billed(
            Customer customer,
            JsonNode pendingIntent,
            String lookupPhrase,
            String decisionId,
            String agreementPhrase,
            String reference) {}

    private Billed billedWithAPendingIntent(String bankKey, String merchantKey) {
        Customer customer = network.newCustomer(bankKey);
        JsonNode pending = network.recurringIntent(merchantKey, customer);
        JsonNode approved = network.recurringIntent(merchantKey, customer);
        network.approveRecurring(bankKey, customer, approved, Optional.empty());
        String agreementPhrase = approved.get("agreementPhrase").asText();
        return new Billed(
                customer,
                pending,
                pending.get("lookupPhrase").asText(),
                approved.get("customerDecisionId").asText(),
                agreementPhrase,
                billOne(merchantKey, agreementPhrase, "100").get("reference").asText());
    }

    /** Every way the other mode's bank and merchant could reach these objects answers as if they did not exist. */
    private void assertHidden(Billed objects, String bankKey, String merchantKey) {
        String decision = "/v1/customer-decisions/" + objects.decisionId();
        assertNotFound(
                network.answerRecurring(bankKey, objects.customer(), objects.pendingIntent(), Optional.empty()),
                "intent_not_found");
        assertNotFound(answerBillingRequest(bankKey, objects.reference()), "billing_request_not_found");
        assertNotFound(
                api.put("/v1/bank/customer-decisions/" + objects.decisionId(), bankKey, "{\"decision\":\"suspended\"}"),
                "agreement_not_found");
        assertNotFound(
                api.get(
                        "/v1/bank/customer/subscriptions?customerId="
                                + objects.customer().id(),
                        bankKey),
                "customer_not_found");
        for (String key : List.of(bankKey, merchantKey)) {
            assertNotFound(api.get(decision, key), "agreement_not_found");
            assertNotFound(api.get(decision + "/limits", key), "agreement_not_found");
            assertNotFound(api.post(decision + "/revoke", key, null), "agreement_not_found");
            assertNotFound(api.get("/v1/transaction-details/" + objects.reference(), key), "transaction_not_found");
            assertThat(history(key, "customerId=" + objects.customer().id())
                            .get("total")
                            .asLong())
                    .isZero();
        }
        assertNotFound(
                api.get("/v1/customer/banks?email=" + objects.customer().email(), merchantKey), "customer_not_found");
        assertThat(api.get("/v1/merchant/customer-decisions?agreementPhrase=" + objects.agreementPhrase(), merchantKey)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        JsonNode bill = billOne(merchantKey, objects.agreementPhrase(), "100");
        assertThat(bill.get("statusCode").asInt()).isEqualTo(404);
        assertThat(bill.get("code").asText()).isEqualTo("agreement_not_found");
        Response intent = api.post(
                "/v1/billing/intent",
                merchantKey,
                "{\"lookupPhrases\":[\"" + objects.lookupPhrase()
                        + "\"],\"currency\":\"NGN\",\"description\":\"Plan\",\"type\":\"recurring\"}");
        assertThat(intent.status()).as(intent.body()).isEqualTo(207);
        assertThat(intent.json().get(0).get("statusCode").asInt()).isEqualTo(404);
        assertThat(intent.json().get(0).get("code").asText()).isEqualTo("phrase_not_found");
    }

    /** The pending intent and billing request still wait for their bank, which answers them now. */
    private void assertStillAnswerable(Billed objects, String bankKey) {
        network.approveRecurring(bankKey, objects.customer(), objects.pendingIntent(), Optional.empty());
        Response answered = answerBillingRequest(bankKey, objects.reference());
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.data().get("status").asText()).isEqualTo("completed");
    }

    // ---- helpers

    private Response answerBillingRequest(String bankKey, String reference) {
        return api.post(
                "/v1/billing/bank-response",
                bankKey,
                "{\"billingRequestId\":\"" + reference + "\",\"action\":\"approve_recurring\"}");
    }

    private static void assertNotFound(Response answer, String code) {
        assertProblem(answer, 404, code);
    }

    private static void assertConflict(Response answer, String code) {
        assertProblem(answer, 409, code);
    }

    /** An RFC 9457 problem with this status and code (HttpApi checks its shape against docs/openapi.yaml). */
    private static void assertProblem(Response answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.json().get("type").asText()).isEqualTo("urn:peere:error:" + code);
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
    }
}
