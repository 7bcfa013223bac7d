package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import org.awaitility.Awaitility;

/**
 * A sandbox network set up through the operator API for end-to-end suites: participants and their keys (with rate
 * limits raised), a simulated bank that answers by itself, customers, and agreements that bank approved.
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
        Response created = api.post(path, server.operatorKey(), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.data().get("id").asText();
        server.raiseRateLimits(id);
        return id;
    }

    String keyOf(String participantId) {
        Response issued = api.post("/v1/operator/participants/" + participantId + "/keys", server.operatorKey(), "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.data().get("key").asText();
    }

    /** A bank the network answers for at once (docs/sandbox.md). */
    String simulatedBank(String name) {
        String bankId = create(
                "/v1/operator/banks",
                "{\"name\":\"" + name + "\",\"email\":\"ops@" + name.length() + System.nanoTime() + ".test\"}");
        Response simulated = api.put(
                "/v1/operator/banks/" + bankId + "/simulation",
                server.operatorKey(),
                "{\"enabled\":true,\"delayMs\":0}");
        assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
        return bankId;
    }

    record Customer(String id, String email) {}

    Customer newCustomer(String bankKey) {
        int n = customers.incrementAndGet();
        String email = "net-" + n + "-" + System.nanoTime() + "@example.com";
        Response batch = api.post("/v1/bank/customers", bankKey, """
                {"customers":[{"clientRef":"net-%1$d-%2$s","reference":"net-%1$d-%2$s","firstname":"Ada",
                 "lastname":"Obi","accountName":"Ada Obi","accountNumber":"0123456789","email":"%2$s",
                 "country":"NG"}]}""".formatted(n, email));
        assertThat(batch.status()).as(batch.body()).isEqualTo(201);
        return new Customer(batch.data().get("items").get(0).get("customerId").asText(), email);
    }

    /** A recurring intent the simulated bank approves; answers the agreement phrase once it is active. */
    String approvedRecurringAgreement(String merchantKey, Customer customer) {
        Response found = api.get("/v1/customer/banks?email=" + customer.email(), merchantKey);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        String phrase = found.data().get("banks").get(0).get("phrase").asText();
        Response sent = api.post(
                "/v1/billing/intent",
                merchantKey,
                "{\"lookupPhrases\":[\"" + phrase
                        + "\"],\"currency\":\"NGN\",\"description\":\"Plan\",\"type\":\"recurring\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        JsonNode intent = sent.json().get(0);
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
}
