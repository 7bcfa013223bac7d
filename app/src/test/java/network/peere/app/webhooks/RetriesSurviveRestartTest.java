package network.peere.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import network.peere.app.PeereConfig;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.TestClock;
import network.peere.app.testing.WebhookReceiver;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retry is state in the database, not in a worker's memory: a delivery whose first attempt failed is sent again by a
 * new server on the same database, once the clock passes its retry time, with the same event and batch ids.
 */
class RetriesSurviveRestartTest {
    private static final Map<String, String> FAST_DELIVERY = Map.of(
            "PEERE_WEBHOOK_POLL_MS", "25",
            "PEERE_WEBHOOK_TIMEOUT_MS", "1000");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = new TestClock(Instant.now());

    @Test
    void on_mariadb_a_new_server_sends_the_retry_the_stopped_one_scheduled(@TempDir Path dataDir) throws Exception {
        try (TestDatabase database = TestDatabases.mariaDb()) {
            retrySurvivesRestart(RunningServer.config(database, dataDir, FAST_DELIVERY));
        }
    }

    @Test
    void on_an_h2_file_a_new_server_sends_the_retry_the_stopped_one_scheduled(@TempDir Path dataDir) throws Exception {
        retrySurvivesRestart(RunningServer.config(dataDir, FAST_DELIVERY));
    }

    /** Both servers share {@code config}: the database and the data directory (so the secret key) are the same. */
    private void retrySurvivesRestart(PeereConfig config) throws Exception {
        try (var receiver = new WebhookReceiver().start()) {
            receiver.behave(WebhookReceiver.Behaviour.answer(500));
            String merchantKey;
            String endpointId;
            Instant retryAt;
            try (var first = RunningServer.on(config, clock)) {
                merchantKey = newMerchantKey(first);
                endpointId = createEndpoint(first.api(), merchantKey, receiver.url("/hooks"));
                revokeANewKey(first.api(), merchantKey);

                await().atMost(WAIT).until(() -> receiver.received().size() == 1);
                JsonNode pending = awaitOnlyDelivery(first.api(), merchantKey, endpointId, 1);
                assertThat(pending.get("status").asText()).isEqualTo("pending");
                assertThat(pending.get("attempts").get(0).get("statusCode").asInt())
                        .isEqualTo(500);
                retryAt = Instant.parse(pending.get("nextAttemptAt").asText());
                assertThat(retryAt).isAfter(clock.now());
            }
            JsonNode firstBody = JSON.readTree(receiver.received().get(0).body());

            // The first server is gone; only the database remembers the retry.
            receiver.behave(WebhookReceiver.Behaviour.answer(200));
            clock.set(retryAt.plusSeconds(1));
            try (var second = RunningServer.on(config, clock)) {
                await().atMost(WAIT).until(() -> receiver.received().size() >= 2);
                JsonNode delivered = awaitOnlyDelivery(second.api(), merchantKey, endpointId, 2);

                JsonNode secondBody = JSON.readTree(receiver.received().get(1).body());
                assertThat(secondBody.get("batchId").asText())
                        .isEqualTo(firstBody.get("batchId").asText())
                        .isEqualTo(delivered.get("batchId").asText());
                assertThat(secondBody.get("data").get(0).get("eventId").asText())
                        .isEqualTo(firstBody.get("data").get(0).get("eventId").asText())
                        .isEqualTo(delivered.get("eventIds").get(0).asText());
                assertThat(delivered.get("status").asText()).isEqualTo("delivered");
                assertThat(delivered.get("attempts")).hasSize(2);
                assertThat(delivered.get("attempts").get(0).get("statusCode").asInt())
                        .isEqualTo(500);
                assertThat(delivered.get("attempts").get(1).get("statusCode").asInt())
                        .isEqualTo(200);
                assertThat(receiver.received()).hasSize(2);
            }
        }
    }

    private static String newMerchantKey(RunningServer server) {
        String operator = server.operatorKey();
        Response created = server.api()
                .post(
                        "/v1/operator/merchants",
                        operator,
                        "{\"name\":\"restarted\",\"email\":\"hooks@restarted.test\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.data().get("id").asText();
        // The test polls the delivery listing; rate limit overrides are stored, so they hold after the restart too.
        server.raiseRateLimits(id);
        Response issued = server.api().post("/v1/operator/participants/" + id + "/keys", operator, "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.data().get("key").asText();
    }

    private static String createEndpoint(HttpApi api, String key, String url) {
        Response created = api.post(
                "/v1/webhooks/endpoints", key, "{\"url\":\"" + url + "\",\"eventTypes\":[\"api_key.revoked\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("id").asText();
    }

    private static void revokeANewKey(HttpApi api, String key) {
        Response issued = api.post("/v1/keys", key, "{\"label\":\"to revoke\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Response revoked = api.post("/v1/keys/" + issued.data().get("id").asText() + "/revoke", key, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    }

    /** The endpoint's one delivery, once it shows {@code attempts} attempts. */
    private static JsonNode awaitOnlyDelivery(HttpApi api, String key, String endpointId, int attempts) {
        await().atMost(WAIT)
                .until(() -> onlyDelivery(api, key, endpointId).get("attempts").size() >= attempts);
        return onlyDelivery(api, key, endpointId);
    }

    private static JsonNode onlyDelivery(HttpApi api, String key, String endpointId) {
        Response listed = api.get("/v1/webhooks/endpoints/" + endpointId + "/deliveries", key);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode deliveries = listed.data().get("deliveries");
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }
}
