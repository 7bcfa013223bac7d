package network.peere.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.WebhookReceiver;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EventType;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes' delivery workers on one MariaDB: every event arrives, and no delivery (batch) is sent twice,
 * because each attempt is claimed with FOR UPDATE SKIP LOCKED and recorded only by its lease holder.
 */
class TwoWorkersOnMariaDbTest {
    private static final int EVENTS = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void no_delivery_is_sent_twice_and_none_is_lost(@TempDir Path first, @TempDir Path second) throws Exception {
        Map<String, String> shared = new HashMap<>(WebhooksApiContract.FAST_DELIVERY);
        shared.put("PEERE_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        try (TestDatabase database = TestDatabases.mariaDb();
                var receiver = new WebhookReceiver().start();
                var a = RunningServer.on(
                        RunningServer.config(database, first, shared), network.peere.app.PeereRuntime.SYSTEM_CLOCK);
                var b = RunningServer.on(
                        RunningServer.config(database, second, shared), network.peere.app.PeereRuntime.SYSTEM_CLOCK)) {
            var merchant = a.demo().byRole("merchant", java.util.Optional.of("enhanced"));
            Response created = a.api()
                    .post(
                            "/v1/webhooks/endpoints",
                            merchant.key(),
                            "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"webhook.test\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            var owner = new ParticipantId(merchant.participantId());
            for (int i = 0; i < EVENTS; i++) {
                // Alternate the servers, so both append while both deliver.
                var peere = (i % 2 == 0 ? a : b).server().runtime().peere();
                peere.publishEvents()
                        .publish(Mode.SANDBOX, owner, EventType.WEBHOOK_TEST, "obj_" + (i % 7), Map.of("n", i));
            }

            await().atMost(Duration.ofSeconds(120))
                    .until(() -> eventIds(receiver).size() >= EVENTS);
            Thread.sleep(500); // let any duplicate in flight arrive before counting

            List<String> batchIds = new ArrayList<>();
            for (WebhookReceiver.Received request : receiver.received()) {
                batchIds.add(JSON.readTree(request.body()).get("batchId").asText());
            }
            assertThat(batchIds).doesNotHaveDuplicates();
            List<String> events = eventIds(receiver);
            assertThat(events).hasSize(EVENTS).doesNotHaveDuplicates();
            // Sequences per object are 1..n without gaps, whatever the order of arrival.
            Map<String, Set<Long>> sequences = new HashMap<>();
            for (WebhookReceiver.Received request : receiver.received()) {
                for (JsonNode item : JSON.readTree(request.body()).get("data")) {
                    sequences
                            .computeIfAbsent(item.get("objectId").asText(), k -> new java.util.TreeSet<>())
                            .add(item.get("sequence").asLong());
                }
            }
            sequences
                    .values()
                    .forEach(seen -> assertThat(seen)
                            .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, seen.size())
                                    .boxed()
                                    .toList()));
        }
    }

    private static List<String> eventIds(WebhookReceiver receiver) throws Exception {
        List<String> ids = new ArrayList<>();
        for (WebhookReceiver.Received request : receiver.received()) {
            for (JsonNode item : JSON.readTree(request.body()).get("data")) {
                ids.add(item.get("eventId").asText());
            }
        }
        return ids.stream().collect(Collectors.toList());
    }
}
