package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.app.e2e.SandboxNetwork.Customer;
import network.peere.app.testing.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Billing end to end on the real server and a real database, every answer checked against docs/openapi.yaml: a bank
 * brings a customer on, a merchant finds them and sends an intent, the bank hears {@code billing.intent} on a real
 * receiver and approves, the merchant bills, the bank hears {@code billing.request} and answers, the merchant hears
 * {@code billing.response}. One subclass per database.
 */
abstract class BillingApiContract extends SandboxPartiesContract {
    static final Map<String, String> FAST_DELIVERY = Map.of(
            "PEERE_WEBHOOK_POLL_MS", "25",
            "PEERE_WEBHOOK_TIMEOUT_MS", "2000");

    BillingApiContract() {
        super("Billing Test Bank", "Gym Lagos");
    }

    @BeforeAll
    void subscribeToWebhooks() {
        network.webhookEndpoint(
                bank, webhooks.url("/bank"), List.of("billing.intent", "billing.request", "agreement.revoked"));
        network.webhookEndpoint(
                merchant, webhooks.url("/merchant"), List.of("billing.intent.response", "billing.response"));
    }

    // ---- the full flow

    @Test
    void a_customer_is_asked_approved_billed_and_answered_with_a_webhook_at_every_step() {
        Customer customer = newCustomer();
        String phrase = network.lookUp(merchant, customer);

        Response sent = api.post("/v1/billing/intent", merchant, """
                {"lookupPhrases":["%s"],"currency":"ngn","description":"Gym membership","type":"RECURRING",
                 "spendingLimits":{"single":5000,"monthly":20000},"metadata":{"seats":2,"plan":"gold","price":1500.50}}""".formatted(phrase));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        JsonNode intent = sent.json().get(0);
        assertThat(intent.get("success").asBoolean()).isTrue();
        assertThat(intent.get("message").asText()).isEqualTo("Billing intent sent successfully");
        assertThat(intent.get("lookupPhrase").asText()).isEqualTo(phrase);
        assertThat(intent.get("entityId").asText()).isEqualTo(merchantId);
        assertThat(intent.get("status").asText()).isEqualTo("pending");
        String reference = intent.get("reference").asText();
        String decisionId = intent.get("customerDecisionId").asText();
        String agreementPhrase = intent.get("agreementPhrase").asText();

        JsonNode asked = webhooks.awaitItem("billing.intent", bankId, "reference", reference);
        assertThat(asked.get("customerId").asText()).isEqualTo(customer.id());
        assertThat(asked.get("lookupPhrase").asText()).isEqualTo(phrase);
        assertThat(asked.get("agreementPhrase").asText()).isEqualTo(agreementPhrase);
        // The bank must answer before the intent's due date, which is in the future.
        assertThat(Instant.parse(asked.get("dueDate").asText())).isAfter(Instant.now());
        // Metadata travels as given: members sorted, numbers exactly as written.
        assertTheIntentsMetadata(asked.get("metadata"));
        assertThat(webhooks.received().stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)))
                .anyMatch(body -> body.contains("\"metadata\":{\"plan\":\"gold\",\"price\":1500.50,\"seats\":2}"));

        Response pending = api.get("/v1/customer-decisions/" + decisionId, merchant);
        assertThat(pending.status()).as(pending.body()).isEqualTo(200);
        assertThat(pending.data().get("status").asText()).isEqualTo("pending");
        assertThat(pending.data().get("decision").isNull()).isTrue();
        assertThat(pending.data().get("metadata").get("seats").asInt()).isEqualTo(2);
        assertThat(billOne(merchant, agreementPhrase, "100").get("code").asText())
                .isEqualTo("agreement_not_approved");

        Response answered = api.post(
                "/v1/billing/intent-response", bank, """
                {"customerId":"%s","entityId":"%s","lookupPhrase":"%s","customerDecision":"approve_recurring",
                 "spendingLimits":{"single":5000,"daily":8000},"reference":"%s"}""".formatted(customer.id(), merchantId, phrase, reference));
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
        assertThat(answered.json().get("customerDecisionId").asText()).isEqualTo(decisionId);
        assertThat(answered.json().get("agreementPhrase").asText()).isEqualTo(agreementPhrase);
        assertThat(answered.json().has("data")).isFalse();

        JsonNode decided = webhooks.awaitItem("billing.intent.response", merchantId, "reference", reference);
        assertThat(decided.get("customerDecision").asText()).isEqualTo("approve_recurring");
        assertTheIntentsMetadata(decided.get("metadata"));

        Response again = api.post(
                "/v1/billing/intent-response", bank, """
                {"customerId":"%s","entityId":"%s","lookupPhrase":"%s","customerDecision":"deny","reference":"%s"}""".formatted(customer.id(), merchantId, phrase, reference));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("intent_already_answered");

        Response decision = api.get("/v1/customer-decisions/" + decisionId, bank);
        assertThat(decision.status()).as(decision.body()).isEqualTo(200);
        assertThat(decision.data().get("status").asText()).isEqualTo("active");
        assertThat(decision.data().get("spendingLimits").get("daily").decimalValue())
                .isEqualByComparingTo("8000");
        assertThat(decision.data().get("spendingLimits").has("monthly")).isFalse();
        assertThat(decision.data().get("requestedLimits").get("monthly").decimalValue())
                .isEqualByComparingTo("20000");

        Response billed = api.post(
                "/v1/customer/bill",
                merchant,
                "{\"agreementPhrases\":[\"" + agreementPhrase
                        + "\"],\"amount\":1500.5,\"currency\":\"NGN\",\"description\":\"November\","
                        + "\"metadata\":{\"invoice\":\"INV-11\",\"seats\":2}}");
        assertThat(billed.status()).as(billed.body()).isEqualTo(201);
        JsonNode bill = billed.json().get(0);
        assertThat(bill.get("message").asText()).isEqualTo("Customer billed successfully");
        assertThat(bill.get("phrase").asText()).isEqualTo(agreementPhrase);
        assertThat(bill.get("amount").decimalValue()).isEqualByComparingTo("1500.50");
        String transactionId = bill.get("reference").asText();

        JsonNode request = webhooks.awaitItem("billing.request", bankId, "billingRequestId", transactionId);
        assertThat(request.get("amount").decimalValue()).isEqualByComparingTo("1500.50");
        assertThat(request.get("metadata").get("invoice").asText()).isEqualTo("INV-11");

        Response limits = api.get("/v1/customer-decisions/" + decisionId + "/limits", merchant);
        assertThat(limits.status()).as(limits.body()).isEqualTo(200);
        JsonNode daily = limits.data().get("limits").get(1);
        assertThat(daily.get("limit").asText()).isEqualTo("daily");
        assertThat(daily.get("used").decimalValue()).isEqualByComparingTo("1500.50");
        assertThat(daily.get("remaining").decimalValue()).isEqualByComparingTo("6499.50");
        assertThat(limits.data().get("limits").get(0).get("resetsAt").isNull()).isTrue();

        Response processed = api.post(
                "/v1/billing/bank-response",
                bank,
                "{\"billingRequestId\":\"" + transactionId
                        + "\",\"action\":\"approve_recurring\",\"bankTransactionId\":\"bank_txn_1\","
                        + "\"batchId\":\"batch_1\"}");
        assertThat(processed.status()).as(processed.body()).isEqualTo(200);
        assertThat(processed.data().get("status").asText()).isEqualTo("completed");
        assertThat(processed.data().get("customerAction").asText()).isEqualTo("accepted");

        JsonNode response = webhooks.awaitItem("billing.response", merchantId, "reference", transactionId);
        assertThat(response.get("customerAction").asText()).isEqualTo("accepted");
        // The envelope adds totalAmount: the sum of its items' amounts (this answer's, and any other batched with it).
        JsonNode delivered = webhooks.awaitEnvelope("billing.response", merchantId, "reference", transactionId);
        BigDecimal batched = BigDecimal.ZERO;
        for (JsonNode item : delivered.get("data")) {
            batched = batched.add(item.get("amount").decimalValue());
        }
        assertThat(delivered.get("itemCount").asInt())
                .isEqualTo(delivered.get("data").size());
        assertThat(delivered.get("totalAmount").decimalValue())
                .isEqualByComparingTo(batched)
                .isGreaterThanOrEqualTo(new BigDecimal("1500.50"));
        assertThat(response.get("bankTransactionId").asText()).isEqualTo("bank_txn_1");
        assertThat(response.get("isSettled").asBoolean()).isFalse();
        assertThat(response.get("metadata").get("seats").asInt()).isEqualTo(2);

        Response twice = api.post(
                "/v1/billing/bank-response",
                bank,
                "{\"billingRequestId\":\"" + transactionId + "\",\"action\":\"deny\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("billing_request_already_answered");

        for (String key : new String[] {merchant, bank}) {
            Response details = api.get("/v1/transaction-details/" + transactionId, key);
            assertThat(details.status()).as(details.body()).isEqualTo(200);
            assertThat(details.data().get("status").asText()).isEqualTo("completed");
            assertThat(details.data().get("customerAction").asText()).isEqualTo("accepted");
            assertThat(details.data().get("customerDecisionId").asText()).isEqualTo(decisionId);
            assertThat(details.data().get("bankTransactionId").asText()).isEqualTo("bank_txn_1");
            assertThat(details.data().get("metadata").get("invoice").asText()).isEqualTo("INV-11");
        }
        assertThat(api.get("/v1/customer-decisions/" + decisionId, merchant)
                        .data()
                        .get("lastUsed")
                        .isNull())
                .isFalse();

        Response subscriptions = api.get("/v1/bank/customer/subscriptions?customerId=" + customer.id(), bank);
        assertThat(subscriptions.status()).as(subscriptions.body()).isEqualTo(200);
        JsonNode subscription = subscriptions.data().get("subscriptions").get(0);
        assertThat(subscription.get("merchantName").asText()).isEqualTo("Gym Lagos");
        assertThat(subscription.get("cycle").asText()).isEqualTo("recurring");
        assertThat(subscription.get("enabled").asBoolean()).isTrue();
        assertThat(subscription.get("amount").decimalValue()).isEqualByComparingTo("5000");
        assertTheIntentsMetadata(subscription.get("metadata"));

        // Another merchant's key sees nothing of it.
        assertThat(api.get("/v1/customer-decisions/" + decisionId, otherMerchant)
                        .code())
                .isEqualTo("agreement_not_found");
        assertThat(api.get("/v1/transaction-details/" + transactionId, otherMerchant)
                        .code())
                .isEqualTo("transaction_not_found");
        assertThat(billOne(otherMerchant, agreementPhrase, "100").get("code").asText())
                .isEqualTo("agreement_not_found");

        // The bank hears of the merchant's revocation with the intent's metadata too.
        assertThat(api.post("/v1/customer-decisions/" + decisionId + "/revoke", merchant, null)
                        .status())
                .isEqualTo(200);
        assertTheIntentsMetadata(webhooks.awaitItem("agreement.revoked", bankId, "customerDecisionId", decisionId)
                .get("metadata"));
    }

    /** The metadata the full flow's intent was sent with: {@code {"seats":2,"plan":"gold","price":1500.50}}. */
    private static void assertTheIntentsMetadata(JsonNode metadata) {
        assertThat(metadata).as("metadata").isNotNull();
        assertThat(metadata.get("plan").asText()).isEqualTo("gold");
        assertThat(metadata.get("seats").asInt()).isEqualTo(2);
        assertThat(metadata.get("price").decimalValue()).isEqualByComparingTo("1500.50");
        assertThat(metadata.size()).isEqualTo(3);
    }

    // ---- batches

    @Test
    void a_dry_run_writes_nothing_and_a_bill_over_a_limit_is_its_own_207_item() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{\"single\":5000}");

        Response dryRun = api.post(
                "/v1/customer/bill",
                merchant,
                "{\"agreementPhrases\":[\"" + agreementPhrase
                        + "\"],\"amount\":100,\"currency\":\"NGN\",\"description\":\"check\",\"dryRun\":true}");
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.json().get(0).get("dryRun").asBoolean()).isTrue();
        assertThat(history(merchant, "customerId=" + customer.id()).get("total").asLong())
                .isZero();

        Response mixed = api.post(
                "/v1/customer/bill",
                merchant,
                "{\"agreementPhrases\":[\"" + agreementPhrase
                        + "\",\"agp_nobody\"],\"amount\":6000,\"currency\":\"NGN\",\"description\":\"too much\"}");
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(207);
        JsonNode overLimit = mixed.json().get(0);
        assertThat(overLimit.get("success").asBoolean()).isFalse();
        assertThat(overLimit.get("statusCode").asInt()).isEqualTo(422);
        assertThat(overLimit.get("code").asText()).isEqualTo("spending_limit_exceeded");
        assertThat(overLimit.get("limit").asText()).isEqualTo("single");
        assertThat(overLimit.get("remaining").decimalValue()).isEqualByComparingTo("5000");
        assertThat(mixed.json().get(1).get("code").asText()).isEqualTo("agreement_not_found");
        assertThat(mixed.json().get(1).get("phrase").asText()).isEqualTo("agp_nobody");
        assertThat(history(merchant, "customerId=" + customer.id()).get("total").asLong())
                .isZero();

        Response tooPrecise = api.post(
                "/v1/customer/bill",
                merchant,
                "{\"agreementPhrases\":[\"" + agreementPhrase
                        + "\"],\"amount\":10.001,\"currency\":\"NGN\",\"description\":\"x\"}");
        assertThat(tooPrecise.status()).isEqualTo(422);
        assertThat(tooPrecise.code()).isEqualTo("invalid_amount");

        Response typo = api.post(
                "/v1/customer/bill",
                merchant,
                "{\"agreementPhrases\":[],\"amount\":\"10\",\"currency\":\"NGN\",\"description\":\"x\",\"dryrun\":true}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("fieldErrors")).hasSize(3);

        Response unknownPhrase = api.post(
                "/v1/billing/intent",
                merchant,
                "{\"lookupPhrases\":[\"" + network.lookUp(merchant, customer)
                        + "\",\"not-a-phrase\"],\"currency\":\"NGN\",\"description\":\"Second plan\"}");
        assertThat(unknownPhrase.status()).as(unknownPhrase.body()).isEqualTo(207);
        assertThat(unknownPhrase.json().get(0).get("success").asBoolean()).isTrue();
        assertThat(unknownPhrase.json().get(1).get("code").asText()).isEqualTo("phrase_not_found");
        assertThat(unknownPhrase.json().get(1).get("lookupPhrase").asText()).isEqualTo("not-a-phrase");
    }

    // ---- decisions change

    @Test
    void a_suspended_decision_refuses_the_next_bill_and_a_revoked_one_is_final() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{\"daily\":10000}");
        String decisionId = decisionOf(agreementPhrase);

        Response suspended = api.put("/v1/bank/customer-decisions/" + decisionId, bank, "{\"decision\":\"suspended\"}");
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        assertThat(suspended.data().get("decision").asText()).isEqualTo("suspended");
        assertThat(suspended.data().get("status").asText()).isEqualTo("paused");
        JsonNode refused = billOne(merchant, agreementPhrase, "100");
        assertThat(refused.get("code").asText()).isEqualTo("agreement_suspended");
        assertThat(refused.get("statusCode").asInt()).isEqualTo(409);
        // The merchant hears the change.
        JsonNode heard = webhooks.awaitDecision(merchantId, decisionId, "paused");
        assertThat(heard.get("bankId").asText()).isEqualTo(bankId);

        Response resumed = api.put(
                "/v1/bank/customer-decisions/" + decisionId,
                bank,
                "{\"decision\":\"approve_once\",\"spendingLimits\":{\"daily\":200}}");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.data().get("status").asText()).isEqualTo("active");
        assertThat(billOne(merchant, agreementPhrase, "150").get("success").asBoolean())
                .isTrue();

        assertThat(api.put("/v1/bank/customer-decisions/" + decisionId, bank, "{}")
                        .status())
                .isEqualTo(400);
        assertThat(api.put("/v1/bank/customer-decisions/" + decisionId, otherMerchant, "{\"decision\":\"deny\"}")
                        .code())
                .isEqualTo("insufficient_permissions");

        Response revoked = api.post("/v1/customer-decisions/" + decisionId + "/revoke", merchant, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.data().get("status").asText()).isEqualTo("revoked");
        assertThat(billOne(merchant, agreementPhrase, "10").get("code").asText())
                .isEqualTo("agreement_revoked");
        // The bank hears that the merchant revoked it.
        assertThat(webhooks.awaitItem("agreement.revoked", bankId, "customerDecisionId", decisionId)
                        .get("agreementPhrase")
                        .asText())
                .isEqualTo(agreementPhrase);
        Response final_ =
                api.put("/v1/bank/customer-decisions/" + decisionId, bank, "{\"decision\":\"approve_recurring\"}");
        assertThat(final_.status()).isEqualTo(409);
        assertThat(final_.code()).isEqualTo("agreement_final");
        assertThat(api.post("/v1/customer-decisions/" + decisionId + "/revoke", otherMerchant, null)
                        .code())
                .isEqualTo("agreement_not_found");

        Response listed = api.get("/v1/merchant/customer-decisions?agreementPhrase=" + agreementPhrase, merchant);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("total").asLong()).isEqualTo(1);
        assertThat(listed.json().get("data").get(0).get("id").asText()).isEqualTo(decisionId);
        assertThat(api.get("/v1/merchant/customer-decisions?agreementPhrase=" + agreementPhrase, otherMerchant)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
    }

    // ---- transactions

    @Test
    void an_agreement_bills_until_the_expiry_its_bank_set_and_then_expires_for_everyone() {
        Customer customer = newCustomer();
        JsonNode intent = network.recurringIntent(merchant, customer);
        String reference = intent.get("reference").asText();
        String decisionId = intent.get("customerDecisionId").asText();
        String agreementPhrase = intent.get("agreementPhrase").asText();

        Response past = answerWithExpiry(customer, intent, "\"2020-01-01T00:00:00Z\"");
        assertThat(past.status()).as(past.body()).isEqualTo(422);
        assertThat(past.code()).isEqualTo("invalid_expiry");
        Response malformed = answerWithExpiry(customer, intent, "\"next week\"");
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.json().get("fieldErrors").get(0).get("field").asText())
                .isEqualTo("expiresAt");
        assertThat(api.get("/v1/customer-decisions/" + decisionId, merchant)
                        .data()
                        .get("status")
                        .asText())
                .as("a refused answer records nothing")
                .isEqualTo("pending");

        Instant end = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        Response answered = answerWithExpiry(customer, intent, "\"" + end + "\"");
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
        JsonNode decided = webhooks.awaitItem("billing.intent.response", merchantId, "reference", reference);
        assertThat(Instant.parse(decided.get("expiresAt").asText())).isEqualTo(end);
        assertThat(Instant.parse(api.get("/v1/customer-decisions/" + decisionId, merchant)
                        .data()
                        .get("expiresAt")
                        .asText()))
                .isEqualTo(end);
        assertThat(billOne(merchant, agreementPhrase, "100").has("reference")).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(end));
        // Refused from the instant itself, before any sweep has recorded it.
        assertThat(billOne(merchant, agreementPhrase, "100").get("code").asText())
                .isEqualTo("agreement_expired");
        // The sweep records it: every read says expired, and the merchant hears it.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/v1/customer-decisions/" + decisionId, bank)
                        .data()
                        .get("status")
                        .asText()
                        .equals("expired"));
        webhooks.awaitDecision(merchantId, decisionId, "expired");
        Response changed = api.put("/v1/bank/customer-decisions/" + decisionId, bank, "{\"expiresAt\":null}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(409);
        assertThat(changed.code()).isEqualTo("agreement_final");
    }

    @Test
    void a_bank_sets_moves_and_clears_an_agreements_expiry() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer);
        String decisionId = decisionOf(agreementPhrase);
        String path = "/v1/bank/customer-decisions/" + decisionId;
        Instant end = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

        Response set = api.put(path, bank, "{\"expiresAt\":\"" + end + "\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(Instant.parse(set.data().get("expiresAt").asText())).isEqualTo(end);
        // A change that does not name the expiry keeps it.
        assertThat(api.put(path, bank, "{\"spendingLimits\":{\"daily\":5000}}")
                        .data()
                        .get("expiresAt")
                        .asText())
                .isEqualTo(set.data().get("expiresAt").asText());

        Response inThePast =
                api.put(path, bank, "{\"expiresAt\":\"" + Instant.now().minusSeconds(1) + "\"}");
        assertThat(inThePast.status()).as(inThePast.body()).isEqualTo(422);
        assertThat(inThePast.code()).isEqualTo("invalid_expiry");

        Response cleared = api.put(path, bank, "{\"expiresAt\":null}");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.data().get("expiresAt").isNull()).isTrue();
        assertThat(api.get("/v1/customer-decisions/" + decisionId, merchant)
                        .data()
                        .get("expiresAt")
                        .isNull())
                .isTrue();
        assertThat(api.get("/v1/bank/customer/subscriptions?customerId=" + customer.id(), bank)
                        .data()
                        .get("subscriptions")
                        .get(0)
                        .get("expiresAt")
                        .isNull())
                .isTrue();
        assertThat(billOne(merchant, agreementPhrase, "100").has("reference")).isTrue();
    }

    /** {@code approve_recurring} for the intent with this {@code expiresAt} (a JSON value). */
    private Response answerWithExpiry(Customer customer, JsonNode intent, String expiresAt) {
        return api.post("/v1/billing/intent-response", bank, """
                {"customerId":"%s","entityId":"%s","lookupPhrase":"%s","customerDecision":"approve_recurring",
                 "expiresAt":%s,"reference":"%s"}""".formatted(
                        customer.id(),
                        intent.get("entityId").asText(),
                        intent.get("lookupPhrase").asText(),
                        expiresAt,
                        intent.get("reference").asText()));
    }

    @Test
    void a_bank_answers_many_billing_requests_in_one_call_each_as_if_sent_alone() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{\"single\":1000}");
        String approved =
                billOne(merchant, agreementPhrase, "100").get("reference").asText();
        String denied =
                billOne(merchant, agreementPhrase, "200").get("reference").asText();
        String body = "{\"responses\":["
                + "{\"billingRequestId\":\"" + approved
                + "\",\"action\":\"approve_recurring\",\"bankTransactionId\":\"bank_batch_1\"},"
                + "{\"billingRequestId\":\"" + denied
                + "\",\"action\":\"deny\",\"declineReason\":\"insufficient_funds\"},"
                + "{\"billingRequestId\":\"" + approved + "\",\"action\":\"approve_recurring\"},"
                + "{\"billingRequestId\":\"" + approved + "\",\"action\":\"maybe\"},"
                + "{\"billingRequestId\":\"chg_not_a_charge\",\"action\":\"approve_once\"}]}";

        Response answered =
                api.send("POST", "/v1/billing/bank-responses", bank, body, Map.of("Idempotency-Key", "bank-batch-1"));

        assertThat(answered.status()).as(answered.body()).isEqualTo(207);
        JsonNode results = answered.data().get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(results.get(0).get("customerAction").asText()).isEqualTo("accepted");
        assertThat(results.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(results.get(1).get("customerAction").asText()).isEqualTo("declined");
        assertThat(results.get(2).get("statusCode").asInt()).isEqualTo(409);
        assertThat(results.get(2).get("code").asText()).isEqualTo("billing_request_already_answered");
        assertThat(results.get(3).get("code").asText()).isEqualTo("invalid_request");
        assertThat(results.get(3).get("fieldErrors").get(0).get("field").asText())
                .isEqualTo("action");
        assertThat(results.get(4).get("statusCode").asInt()).isEqualTo(404);
        assertThat(results.get(4).get("code").asText()).isEqualTo("billing_request_not_found");
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(answered.data().get("summary").get("successful").asInt()).isEqualTo(2);
        assertThat(answered.data().get("summary").get("failed").asInt()).isEqualTo(3);

        // As a single answer would: the merchant hears of each, and the charges read as answered.
        JsonNode heard = webhooks.awaitItem("billing.response", merchantId, "reference", approved);
        assertThat(heard.get("customerAction").asText()).isEqualTo("accepted");
        assertThat(heard.get("bankTransactionId").asText()).isEqualTo("bank_batch_1");
        assertThat(webhooks.awaitItem("billing.response", merchantId, "reference", denied)
                        .get("customerAction")
                        .asText())
                .isEqualTo("declined");
        assertThat(api.get("/v1/transaction-details/" + denied, merchant)
                        .data()
                        .get("declineReason")
                        .asText())
                .isEqualTo("insufficient_funds");

        // The same call again is the same answer, replayed: nothing is answered twice.
        Response replayed =
                api.send("POST", "/v1/billing/bank-responses", bank, body, Map.of("Idempotency-Key", "bank-batch-1"));
        assertThat(replayed.status()).isEqualTo(207);
        assertThat(replayed.data().get("results")).isEqualTo(results);
    }

    @Test
    void a_batch_of_bank_answers_that_is_empty_too_long_or_not_a_bank_s_answers_nothing() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{\"single\":1000}");
        String pending =
                billOne(merchant, agreementPhrase, "100").get("reference").asText();
        String one = "{\"billingRequestId\":\"" + pending + "\",\"action\":\"approve_once\"}";

        Response empty = api.post("/v1/billing/bank-responses", bank, "{\"responses\":[]}");
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("invalid_request");
        Response tooLong = api.post(
                "/v1/billing/bank-responses",
                bank,
                "{\"responses\":[" + String.join(",", java.util.Collections.nCopies(501, one)) + "]}");
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        Response byMerchant = api.post("/v1/billing/bank-responses", merchant, "{\"responses\":[" + one + "]}");
        assertThat(byMerchant.status()).isEqualTo(403);

        assertThat(api.get("/v1/transaction-details/" + pending, merchant)
                        .data()
                        .get("status")
                        .asText())
                .as("nothing was answered")
                .isEqualTo("pending");
    }

    @Test
    void transaction_history_filters_by_status_amount_customer_and_time() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{\"single\":1000}");
        String accepted =
                billOne(merchant, agreementPhrase, "100").get("reference").asText();
        String declined =
                billOne(merchant, agreementPhrase, "200").get("reference").asText();
        billOne(merchant, agreementPhrase, "300.25");
        assertThat(api.post(
                                "/v1/billing/bank-response",
                                bank,
                                "{\"billingRequestId\":\"" + accepted + "\",\"action\":\"approve_once\"}")
                        .status())
                .isEqualTo(200);
        Response denied = api.post(
                "/v1/billing/bank-response",
                bank,
                "{\"billingRequestId\":\"" + declined
                        + "\",\"action\":\"deny\",\"declineReason\":\"insufficient_funds\"}");
        assertThat(denied.data().get("status").asText()).isEqualTo("failed");
        assertThat(denied.data().get("customerAction").asText()).isEqualTo("declined");

        String mine = "customerId=" + customer.id();
        assertThat(history(merchant, mine).get("total").asLong()).isEqualTo(3);
        assertThat(history(bank, mine).get("total").asLong()).isEqualTo(3);
        assertThat(history(merchant, mine + "&status=completed")
                        .get("transactions")
                        .get(0)
                        .get("transactionId")
                        .asText())
                .isEqualTo(accepted);
        JsonNode failed =
                history(merchant, mine + "&status=FAILED").get("transactions").get(0);
        assertThat(failed.get("transactionId").asText()).isEqualTo(declined);
        assertThat(failed.get("declineReason").asText()).isEqualTo("insufficient_funds");
        JsonNode pending =
                history(merchant, mine + "&status=pending").get("transactions").get(0);
        assertThat(pending.get("amount").decimalValue()).isEqualByComparingTo("300.25");
        assertThat(pending.get("customerAction").isNull()).isTrue();
        assertThat(history(merchant, mine + "&status=refunded").get("total").asLong())
                .isZero();
        assertThat(history(merchant, mine + "&minAmount=150&maxAmount=250")
                        .get("transactions")
                        .get(0)
                        .get("transactionId")
                        .asText())
                .isEqualTo(declined);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(history(merchant, mine + "&from=" + today.plusDays(1))
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(history(merchant, mine + "&from=" + today.minusDays(1) + "&to=" + today.plusDays(1))
                        .get("total")
                        .asLong())
                .isEqualTo(3);
        JsonNode paged = history(merchant, mine + "&limit=2&page=2");
        assertThat(paged.get("transactions")).hasSize(1);
        assertThat(paged.get("page").asInt()).isEqualTo(2);
        assertThat(history(otherMerchant, mine).get("total").asLong()).isZero();
        assertThat(api.get("/v1/transaction-history?status=settled", merchant).status())
                .isEqualTo(400);
        assertThat(api.get("/v1/transaction-history?entityId=" + merchantId, merchant)
                        .status())
                .isEqualTo(400);
    }

    // ---- providers

    @Test
    void a_provider_sends_intents_only_for_its_own_merchants() {
        Customer customer = newCustomer();
        String phrase = network.lookUp(provider, customer, Optional.of(providerMerchantId));
        String body = "{\"entityId\":\"%s\",\"lookupPhrases\":[\"%s\"],\"currency\":\"NGN\",\"description\":\"Box\"}";

        Response sent = api.post("/v1/merchant/billing/intent", provider, body.formatted(providerMerchantId, phrase));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get(0).get("entityId").asText()).isEqualTo(providerMerchantId);

        Response foreign =
                api.post("/v1/merchant/billing/intent", provider, body.formatted(otherProvidersMerchantId, phrase));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("merchant_not_found");
        assertThat(api.post(
                                "/v1/merchant/billing/intent",
                                provider,
                                "{\"lookupPhrases\":[\"" + phrase + "\"],\"currency\":\"NGN\",\"description\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/v1/billing/intent", provider, body.formatted(providerMerchantId, phrase))
                        .code())
                .isEqualTo("insufficient_permissions");
        assertThat(api.post("/v1/billing/intent", merchant, body.formatted(merchantId, phrase))
                        .status())
                .isEqualTo(400);

        Response listed = api.get("/v1/merchant/customer-decisions?customerId=" + customer.id(), provider);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/v1/merchant/customer-decisions?entityId=" + otherProvidersMerchantId, provider)
                        .code())
                .isEqualTo("merchant_not_found");
    }

    @Test
    void a_bank_revokes_an_agreement_and_the_merchant_hears_it_and_cannot_bill_it() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{}");
        String decisionId = decisionOf(agreementPhrase);

        Response revoked = api.post("/v1/customer-decisions/" + decisionId + "/revoke", bank, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.data().get("status").asText()).isEqualTo("revoked");
        assertThat(billOne(merchant, agreementPhrase, "10").get("code").asText())
                .isEqualTo("agreement_revoked");
        webhooks.awaitDecision(merchantId, decisionId, "revoked");
        // Revoking again is the same answer, not an error.
        assertThat(api.post("/v1/customer-decisions/" + decisionId + "/revoke", bank, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void a_provider_bills_for_its_own_merchants_agreements_and_reads_the_charge() {
        Customer customer = newCustomer();
        String phrase = network.lookUp(provider, customer, Optional.of(providerMerchantId));
        Response sent = api.post(
                "/v1/merchant/billing/intent",
                provider,
                "{\"entityId\":\"%s\",\"lookupPhrases\":[\"%s\"],\"currency\":\"NGN\",\"description\":\"Box\",\"type\":\"recurring\"}"
                        .formatted(providerMerchantId, phrase));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        JsonNode intent = sent.json().get(0);
        network.approveRecurring(bank, customer, intent, Optional.empty());
        String agreementPhrase = intent.get("agreementPhrase").asText();
        String bill = "{\"entityId\":\"%s\",\"agreementPhrases\":[\"%s\"],\"amount\":300,\"currency\":\"NGN\","
                + "\"description\":\"Box\"}";

        Response billed =
                api.post("/v1/merchant/customer/bill", provider, bill.formatted(providerMerchantId, agreementPhrase));
        assertThat(billed.status()).as(billed.body()).isEqualTo(201);
        assertThat(billed.json().get(0).get("entityId").asText()).isEqualTo(providerMerchantId);
        String reference = billed.json().get(0).get("reference").asText();

        Response foreign = api.post(
                "/v1/merchant/customer/bill", provider, bill.formatted(otherProvidersMerchantId, agreementPhrase));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("merchant_not_found");
        assertThat(api.post("/v1/customer/bill", provider, bill.formatted(providerMerchantId, agreementPhrase))
                        .code())
                .isEqualTo("insufficient_permissions");
        // The agreement is the provider's merchant's: the direct merchant cannot bill it.
        assertThat(billOne(merchant, agreementPhrase, "300").get("code").asText())
                .isEqualTo("agreement_not_found");

        Response details = api.get("/v1/transaction-details/" + reference, provider);
        assertThat(details.status()).as(details.body()).isEqualTo(200);
        assertThat(details.data().get("entityId").asText()).isEqualTo(providerMerchantId);
        assertThat(api.get("/v1/transaction-details/" + reference, merchant).status())
                .isEqualTo(404);
    }

    @Test
    void a_bill_retried_with_its_idempotency_key_is_replayed_not_charged_twice() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{\"daily\":1000}");
        String body = "{\"agreementPhrases\":[\"" + agreementPhrase
                + "\"],\"amount\":700,\"currency\":\"NGN\",\"description\":\"Once\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "bill-" + customer.id());

        Response first = api.send("POST", "/v1/customer/bill", merchant, body, key);
        Response replayed = api.send("POST", "/v1/customer/bill", merchant, body, key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().get(0).get("reference").asText())
                .isEqualTo(first.json().get(0).get("reference").asText());
        assertThat(history(merchant, "customerId=" + customer.id()).get("total").asLong())
                .isEqualTo(1);
        // Without the key it is a second bill, and the daily limit (700 of 1000 reserved) refuses it.
        JsonNode second = billOne(merchant, agreementPhrase, "700");
        assertThat(second.get("code").asText()).isEqualTo("spending_limit_exceeded");
        assertThat(second.get("limit").asText()).isEqualTo("daily");
        assertThat(second.get("remaining").decimalValue()).isEqualByComparingTo("300");
    }

    @Test
    void twenty_concurrent_copies_of_one_bill_with_one_idempotency_key_bill_once() throws Exception {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{\"monthly\":100000}");
        String body = "{\"agreementPhrases\":[\"" + agreementPhrase
                + "\"],\"amount\":700,\"currency\":\"NGN\",\"description\":\"Once\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "burst-" + customer.id());
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Response>> copies = new java.util.ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                copies.add(threads.submit(() -> {
                    start.await();
                    return api.send("POST", "/v1/customer/bill", merchant, body, key);
                }));
            }
            start.countDown();
            java.util.Set<String> references = new java.util.HashSet<>();
            for (var copy : copies) {
                Response answer = copy.get();
                // Every copy either replays the one bill or, while the first still runs, is told to retry.
                assertThat(answer.status()).as(answer.body()).isIn(201, 409);
                if (answer.status() == 201) {
                    references.add(answer.json().get(0).get("reference").asText());
                }
            }
            assertThat(references).hasSize(1);
        }
        assertThat(history(merchant, "customerId=" + customer.id()).get("total").asLong())
                .isEqualTo(1);
        String decision = decisionOf(agreementPhrase);
        JsonNode monthly = null;
        for (JsonNode limit : api.get("/v1/customer-decisions/" + decision + "/limits", merchant)
                .data()
                .get("limits")) {
            if (limit.get("limit").asText().equals("monthly")) {
                monthly = limit;
            }
        }
        assertThat(monthly).isNotNull();
        assertThat(monthly.get("used").decimalValue()).isEqualByComparingTo("700");
    }

    @Test
    void every_billing_route_hides_other_participants_objects_and_refuses_the_wrong_role() {
        Customer customer = newCustomer();
        String agreementPhrase = approvedAgreement(customer, "{}");
        String decision = decisionOf(agreementPhrase);
        String reference =
                billOne(merchant, agreementPhrase, "100").get("reference").asText();
        String otherBank = network.keyOf(
                network.create("/v1/operator/banks", "{\"name\":\"Other Bank\",\"email\":\"o@bank.test\"}"));

        // Another merchant, another bank, a provider for a merchant not its own: not found, never forbidden.
        for (String stranger : List.of(otherMerchant, otherBank, provider)) {
            assertHiddenFrom(stranger, decision, reference);
        }

        // Another merchant, further.
        assertThat(billOne(otherMerchant, agreementPhrase, "100").get("code").asText())
                .isEqualTo("agreement_not_found");
        assertThat(api.get("/v1/merchant/customer-decisions?agreementPhrase=" + agreementPhrase, otherMerchant)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(history(otherMerchant, "customerId=" + customer.id())
                        .get("total")
                        .asLong())
                .isZero();

        // Another bank: the same.
        assertThat(api.post(
                                "/v1/billing/bank-response",
                                otherBank,
                                "{\"billingRequestId\":\"" + reference + "\",\"action\":\"approve_once\"}")
                        .code())
                .isEqualTo("billing_request_not_found");
        assertThat(api.put("/v1/bank/customer-decisions/" + decision, otherBank, "{\"decision\":\"suspended\"}")
                        .code())
                .isEqualTo("agreement_not_found");
        assertThat(api.get("/v1/bank/customer/subscriptions?customerId=" + customer.id(), otherBank)
                        .status())
                .isEqualTo(404);
        JsonNode pending = network.recurringIntent(merchant, customer);
        Response answered = network.answerRecurring(otherBank, customer, pending, Optional.empty());
        assertThat(answered.status()).as(answered.body()).isEqualTo(404);

        // A provider, further.
        Response providerBill = api.post(
                "/v1/merchant/customer/bill",
                provider,
                "{\"entityId\":\"" + providerMerchantId + "\",\"agreementPhrases\":[\"" + agreementPhrase
                        + "\"],\"amount\":100,\"currency\":\"NGN\",\"description\":\"x\"}");
        assertThat(providerBill.json().get(0).get("code").asText())
                .as(providerBill.body())
                .isEqualTo("agreement_not_found");

        // The wrong role: a merchant cannot answer for a bank, a bank cannot bill.
        assertThat(api.post(
                                "/v1/billing/bank-response",
                                merchant,
                                "{\"billingRequestId\":\"" + reference + "\",\"action\":\"approve_once\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/v1/bank/customer-decisions/" + decision, merchant, "{\"decision\":\"deny\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/v1/customer/bill",
                                bank,
                                "{\"agreementPhrases\":[\"" + agreementPhrase
                                        + "\"],\"amount\":100,\"currency\":\"NGN\",\"description\":\"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/v1/merchant/customer-decisions", bank).status()).isEqualTo(403);

        // Another bank, in a batch of answers, or reading its transactions: the same.
        Response batchByOtherBank = api.post(
                "/v1/billing/bank-responses",
                otherBank,
                "{\"responses\":[{\"billingRequestId\":\"" + reference + "\",\"action\":\"approve_recurring\"}]}");
        assertThat(batchByOtherBank.data().get("results").get(0).get("code").asText())
                .as(batchByOtherBank.body())
                .isEqualTo("billing_request_not_found");
        assertThat(history(otherBank, "customerId=" + customer.id())
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(history(otherBank, "").get("total").asLong()).isZero();

        // A provider naming a merchant that is not its own.
        assertThat(api.get("/v1/transaction-history?entityId=" + merchantId, provider)
                        .status())
                .isEqualTo(404);

        // Another merchant's lookup phrase asks nothing of the bank: that merchant's phrase is not found for this one.
        Response borrowedPhrase = api.post(
                "/v1/billing/intent",
                otherMerchant,
                "{\"lookupPhrases\":[\"" + network.lookUp(merchant, customer)
                        + "\"],\"currency\":\"NGN\",\"description\":\"x\",\"type\":\"one_time\",\"amount\":100}");
        assertThat(borrowedPhrase.json().get(0).get("code").asText())
                .as(borrowedPhrase.body())
                .isEqualTo("phrase_not_found");

        // Its own parties still see everything, and the charge is still waiting for its own bank.
        assertThat(api.get("/v1/transaction-details/" + reference, merchant)
                        .data()
                        .get("status")
                        .asText())
                .isEqualTo("pending");
        assertThat(api.get("/v1/customer-decisions/" + decision, bank).status()).isEqualTo(200);
        assertThat(api.get("/v1/transaction-details/" + reference, bank).status())
                .isEqualTo(200);
    }

    /** The agreement and its charge, read, limits and revocation by a participant who is not party to them. */
    private void assertHiddenFrom(String key, String decision, String reference) {
        assertThat(api.get("/v1/customer-decisions/" + decision, key).code()).isEqualTo("agreement_not_found");
        assertThat(api.get("/v1/customer-decisions/" + decision + "/limits", key)
                        .code())
                .isEqualTo("agreement_not_found");
        assertThat(api.post("/v1/customer-decisions/" + decision + "/revoke", key, "{}")
                        .code())
                .isEqualTo("agreement_not_found");
        assertThat(api.get("/v1/transaction-details/" + reference, key).code()).isEqualTo("transaction_not_found");
    }

    @Test
    void the_operator_simulates_a_sandbox_bank_and_stops() {
        String simulatedId =
                network.create("/v1/operator/banks", "{\"name\":\"Simulated Bank\",\"email\":\"ops@sim.test\"}");
        String path = "/v1/operator/banks/" + simulatedId + "/simulation";

        Response off = api.get(path, operator);
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.data().get("simulated").asBoolean()).isFalse();

        Response on = api.put(path, operator, "{\"enabled\":true,\"delayMs\":250}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.data().get("simulated").asBoolean()).isTrue();
        assertThat(on.data().get("delayMs").asLong()).isEqualTo(250);
        assertThat(api.get(path, operator).data().get("delayMs").asLong()).isEqualTo(250);

        Response stopped = api.put(path, operator, "{\"enabled\":false}");
        assertThat(stopped.data().get("simulated").asBoolean()).isFalse();
        assertThat(stopped.data().get("delayMs").isNull()).isTrue();

        assertThat(api.put(path, operator, "{\"delayMs\":5}").status()).isEqualTo(400);
        assertThat(api.get("/v1/operator/banks/" + merchantId + "/simulation", operator)
                        .code())
                .isEqualTo("bank_not_found");
        assertThat(api.get(path, bank).code()).isEqualTo("insufficient_permissions");

        // Live banks are never simulated: a live operator is refused on its own banks, and sees no sandbox bank.
        String live = server.liveOperatorKey();
        Response liveBank = api.post("/v1/operator/banks", live, "{\"name\":\"Live Bank\",\"email\":\"ops@lb.test\"}");
        assertThat(liveBank.status()).as(liveBank.body()).isEqualTo(201);
        String livePath = "/v1/operator/banks/" + liveBank.data().get("id").asText() + "/simulation";
        assertThat(api.get(livePath, live).code()).isEqualTo("simulation_not_allowed");
        assertThat(api.put(livePath, live, "{\"enabled\":true,\"delayMs\":250}").code())
                .isEqualTo("simulation_not_allowed");
        assertThat(api.get(path, live).code()).isEqualTo("bank_not_found");
        assertThat(api.get(livePath, operator).code()).isEqualTo("bank_not_found");
    }
}
