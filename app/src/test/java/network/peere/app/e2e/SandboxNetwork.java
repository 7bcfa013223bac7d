package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import org.awaitility.Awaitility;

/**
 * A sandbox network set up through the operator API for end-to-end suites: participants and their keys (with rate
 * limits raised), a simulated bank that answers by itself, customers, recurring intents and their approval, and
 * webhook endpoints.
 */
final class SandboxNetwork {
    private final RunningServer server;
    private final HttpApi api;
    private final AtomicInteger customers = new AtomicInteger();

    SandboxNetwork(RunningServer server) {
        this.server = server;
        this.api = server.api();
        server.raiseOperatorRateLimits();
    }

    /** Creates a participant through an operator route, raises its rate limits and answers its id. */
    String create(String path, String body) {
        return create(server.operatorKey(), path, body);
    }

    /** As {@link #create(String, String)}, by this operator (a live one makes a live participant). */
    String create(String operatorKey, String path, String body) {
        Response created = api.post(path, operatorKey, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.data().get("id").asText();
        server.raiseRateLimits(operatorKey, id);
        return id;
    }

    String keyOf(String participantId) {
        return keyOf(server.operatorKey(), participantId);
    }

    /** A new key of the participant, issued by an operator of its mode. */
    String keyOf(String operatorKey, String participantId) {
        Response issued = api.post("/v1/operator/participants/" + participantId + "/keys", operatorKey, "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.data().get("key").asText();
    }

    /** A bank the network answers for at once (docs/sandbox.md). */
    String simulatedBank(String name) {
        String bankId = create(
                "/v1/operator/banks",
                "{\"name\":\"" + name + "\",\"email\":\"ops@" + name.length() + System.nanoTime() + ".test\"}");
        simulate(bankId);
        return bankId;
    }

    /** From now on the network answers for this sandbox bank at once; its own integration no longer has to. */
    void simulate(String bankId) {
        Response simulated = api.put(
                "/v1/operator/banks/" + bankId + "/simulation",
                server.operatorKey(),
                "{\"enabled\":true,\"delayMs\":0}");
        assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
    }

    record Customer(String id, String email) {}

    Customer newCustomer(String bankKey) {
        return newCustomer(bankKey, "");
    }

    /** A customer whose e-mail local part carries a sandbox rule's mark ({@code +deny}, docs/sandbox.md). */
    Customer newCustomer(String bankKey, String mark) {
        int n = customers.incrementAndGet();
        String email = "net-" + n + "-" + System.nanoTime() + mark + "@example.com";
        Response batch = api.post("/v1/bank/customers", bankKey, """
                {"customers":[{"clientRef":"net-%1$d-%2$s","reference":"net-%1$d-%2$s","firstname":"Ada",
                 "lastname":"Obi","accountName":"Ada Obi","accountNumber":"0123456789","email":"%2$s",
                 "country":"NG"}]}""".formatted(n, email));
        assertThat(batch.status()).as(batch.body()).isEqualTo(201);
        JsonNode item = batch.data().get("items").get(0);
        assertThat(item.get("status").asText()).as(batch.body()).isEqualTo("created");
        return new Customer(item.get("customerId").asText(), email);
    }

    /** The lookup phrase a merchant's (or provider's) key finds for the customer. */
    String lookUp(String key, Customer customer) {
        return lookUp(key, customer, Optional.empty());
    }

    /** The lookup phrase, looked up on behalf of {@code entityId} when a provider asks for one of its merchants. */
    String lookUp(String key, Customer customer, Optional<String> entityId) {
        Response found = api.get(
                "/v1/customer/banks?email=" + URLEncoder.encode(customer.email(), StandardCharsets.UTF_8)
                        + entityId.map(e -> "&entityId=" + e).orElse(""),
                key);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.data().get("banks").get(0).get("phrase").asText();
    }

    /** Sends a recurring intent from this merchant to the customer's bank; answers the intent's item. */
    JsonNode recurringIntent(String merchantKey, Customer customer) {
        return recurringIntent(merchantKey, customer, "NGN");
    }

    /** As {@link #recurringIntent(String, Customer)}, for an agreement in this currency. */
    JsonNode recurringIntent(String merchantKey, Customer customer, String currency) {
        String phrase = lookUp(merchantKey, customer);
        Response sent = api.post(
                "/v1/billing/intent",
                merchantKey,
                "{\"lookupPhrases\":[\"" + phrase + "\"],\"currency\":\"" + currency
                        + "\",\"description\":\"Plan\",\"type\":\"recurring\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        return sent.json().get(0);
    }

    /** The bank approves the intent as recurring, granting these spending limits (a JSON object) when given. */
    void approveRecurring(String bankKey, Customer customer, JsonNode intent, Optional<String> spendingLimits) {
        Response answered = answerRecurring(bankKey, customer, intent, spendingLimits);
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
    }

    /** {@code approve_recurring} sent for the intent with this key, whatever the answer. */
    Response answerRecurring(String bankKey, Customer customer, JsonNode intent, Optional<String> spendingLimits) {
        return api.post("/v1/billing/intent-response", bankKey, """
                {"customerId":"%s","entityId":"%s","lookupPhrase":"%s","customerDecision":"approve_recurring",
                 %s"reference":"%s"}""".formatted(
                        customer.id(),
                        intent.get("entityId").asText(),
                        intent.get("lookupPhrase").asText(),
                        spendingLimits
                                .map(limits -> "\"spendingLimits\":" + limits + ",")
                                .orElse(""),
                        intent.get("reference").asText()));
    }

    /** A recurring intent the simulated bank approves; answers the agreement phrase once it is active. */
    String approvedRecurringAgreement(String merchantKey, Customer customer) {
        JsonNode intent = recurringIntent(merchantKey, customer);
        String decision = intent.get("customerDecisionId").asText();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "active"
                        .equals(api.get("/v1/customer-decisions/" + decision, merchantKey)
                                .data()
                                .get("status")
                                .asText()));
        return intent.get("agreementPhrase").asText();
    }

    /** Subscribes an endpoint of this participant at {@code url} to these event types. */
    void webhookEndpoint(String key, String url, List<String> eventTypes) {
        String types = eventTypes.stream().map(type -> "\"" + type + "\"").collect(Collectors.joining(","));
        Response created =
                api.post("/v1/webhooks/endpoints", key, "{\"url\":\"" + url + "\",\"eventTypes\":[" + types + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
