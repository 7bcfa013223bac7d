package network.peere.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.TestClock;
import network.peere.core.Peere;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.WebhookEndpointId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the webhook end-to-end contracts share: one real server per class on a clock the tests move, and merchants of
 * their own with endpoints and deliveries. One subclass of each contract per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookServerContract {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    final TestClock clock = new TestClock(Instant.now());
    RunningServer server;
    HttpApi api;
    String operator;

    abstract RunningServer start(Path dataDir, TestClock clock);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = start(dataDir, clock);
        api = server.api();
        operator = server.operatorKey();
        server.raiseOperatorRateLimits();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    Peere peere() {
        return server.server().runtime().peere();
    }

    /** A merchant of its own per test, so one test's endpoints and clock jumps never reach another's. */
    record Merchant(String id, String key) {}

    Merchant newMerchant(String name) {
        Response created = api.post(
                "/v1/operator/merchants",
                operator,
                "{\"name\":\"" + name + "\",\"email\":\"hooks@" + name + ".test\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.data().get("id").asText();
        server.raiseRateLimits(id);
        Response issued = api.post("/v1/operator/participants/" + id + "/keys", operator, "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return new Merchant(id, issued.data().get("key").asText());
    }

    /** The created endpoint as the API answered it (with its secret, shown this once). */
    JsonNode createEndpoint(Merchant merchant, String url, String eventTypes) {
        Response created = api.post(
                "/v1/webhooks/endpoints",
                merchant.key(),
                "{\"url\":\"" + url + "\",\"eventTypes\":[" + eventTypes + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data();
    }

    /** Issues a key and revokes it: an {@code api_key.revoked} event for the merchant; returns the key's id. */
    String revokeANewKey(Merchant merchant) {
        Response issued = api.post("/v1/keys", merchant.key(), "{\"label\":\"to revoke\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String keyId = issued.data().get("id").asText();
        Response revoked = api.post("/v1/keys/" + keyId + "/revoke", merchant.key(), null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        return keyId;
    }

    /** The endpoint's deliveries, newest first (the first page). */
    List<DeliveryRecord> deliveries(Merchant merchant, String endpointId) {
        return peere().listDeliveries()
                .list(
                        Mode.SANDBOX,
                        new ParticipantId(merchant.id()),
                        new WebhookEndpointId(endpointId),
                        Optional.empty(),
                        PageRequest.first())
                .orElseThrow()
                .items();
    }
}
