package network.peere.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.app.testing.Response;
import network.peere.app.testing.WebhookReceiver;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import org.junit.jupiter.api.Test;

/**
 * Where a replay goes, through {@code POST /v1/webhooks/replay}: without {@code endpointId}, to the endpoints
 * subscribed now (not those the event first went to); with it, to that endpoint alone, and {@code failedSince} then
 * takes only the events that failed there. One subclass per database.
 */
abstract class ReplayTargetsContract extends WebhookServerContract {
    /** Polls fast; gives up ten seconds after a delivery is created, so a failing one is failed in two attempts. */
    static final Map<String, String> SETTINGS = Map.of(
            "PEERE_WEBHOOK_POLL_MS", "25",
            "PEERE_WEBHOOK_TIMEOUT_MS", "1000",
            "PEERE_WEBHOOK_RETRY_SCHEDULE", "10s,10s,10s");

    /** Moves the clock until every delivery to these endpoints is delivered or failed. */
    private void settle(Merchant merchant, String... endpointIds) {
        for (int round = 0; round < 10; round++) {
            await().atMost(WAIT).until(() -> nothingDue(merchant, endpointIds));
            Optional<Instant> next = pending(merchant, endpointIds).stream()
                    .map(r -> r.delivery().nextAttemptAt())
                    .min(Instant::compareTo);
            if (next.isEmpty()) {
                return;
            }
            clock.set(next.get());
        }
        throw new AssertionError("deliveries still pending after ten rounds");
    }

    private boolean nothingDue(Merchant merchant, String... endpointIds) {
        return pending(merchant, endpointIds).stream()
                .noneMatch(r -> !r.delivery().nextAttemptAt().isAfter(clock.now()));
    }

    private List<DeliveryRecord> pending(Merchant merchant, String... endpointIds) {
        List<DeliveryRecord> pending = new ArrayList<>();
        for (String id : endpointIds) {
            deliveries(merchant, id).stream()
                    .filter(r -> r.delivery().status() == DeliveryStatus.PENDING)
                    .forEach(pending::add);
        }
        return pending;
    }

    private static List<String> eventIds(WebhookReceiver receiver) throws Exception {
        List<String> ids = new ArrayList<>();
        for (WebhookReceiver.Received request : receiver.received()) {
            for (JsonNode item : JSON.readTree(request.body()).get("data")) {
                ids.add(item.get("eventId").asText());
            }
        }
        return ids;
    }

    @Test
    void replaying_one_event_without_an_endpoint_goes_to_the_endpoints_subscribed_now() throws Exception {
        Merchant merchant = newMerchant("subscribednow");
        try (var first = new WebhookReceiver().start();
                var deleted = new WebhookReceiver().start();
                var newcomer = new WebhookReceiver().start();
                var other = new WebhookReceiver().start()) {
            String firstId = createEndpoint(merchant, first.url("/hooks"), "\"api_key.revoked\"")
                    .get("id")
                    .asText();
            String deletedId = createEndpoint(merchant, deleted.url("/hooks"), "\"api_key.revoked\"")
                    .get("id")
                    .asText();
            revokeANewKey(merchant);
            await().atMost(WAIT)
                    .until(() ->
                            first.received().size() == 1 && deleted.received().size() == 1);
            String eventId = eventIds(first).get(0);
            settle(merchant, firstId, deletedId);

            // Since the event: the first endpoint unsubscribes from its type, another is deleted, two are added.
            Response changed = api.put(
                    "/v1/webhooks/endpoints/" + firstId,
                    merchant.key(),
                    "{\"url\":\"" + first.url("/hooks") + "\",\"eventTypes\":[\"webhook.test\"],\"enabled\":true}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            Response removed = api.delete("/v1/webhooks/endpoints/" + deletedId, merchant.key());
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            String newcomerId = createEndpoint(merchant, newcomer.url("/hooks"), "\"api_key.revoked\"")
                    .get("id")
                    .asText();
            String otherId = createEndpoint(merchant, other.url("/hooks"), "\"webhook.test\"")
                    .get("id")
                    .asText();

            Response replay = api.post("/v1/webhooks/replay", merchant.key(), "{\"eventId\":\"" + eventId + "\"}");
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(replay.data().get("events").asInt()).isEqualTo(1);
            assertThat(replay.data().get("batchIds")).hasSize(1);
            String batchId = replay.data().get("batchIds").get(0).asText();

            await().atMost(WAIT).until(() -> newcomer.received().size() == 1);
            assertThat(eventIds(newcomer)).containsExactly(eventId);
            assertThat(JSON.readTree(newcomer.received().get(0).body())
                            .get("batchId")
                            .asText())
                    .isEqualTo(batchId);
            settle(merchant, firstId, newcomerId, otherId);
            assertThat(deliveries(merchant, newcomerId))
                    .singleElement()
                    .satisfies(r -> assertThat(r.delivery().id()).isEqualTo(batchId));
            assertThat(deliveries(merchant, firstId)).hasSize(1);
            assertThat(deliveries(merchant, otherId)).isEmpty();
            assertThat(first.received()).hasSize(1);
            assertThat(deleted.received()).hasSize(1);
            assertThat(other.received()).isEmpty();
        }
    }

    @Test
    void replaying_failed_events_since_a_time_to_one_endpoint_sends_only_what_failed_there_only_there()
            throws Exception {
        Merchant merchant = newMerchant("failedtoone");
        try (var chosen = new WebhookReceiver().start();
                var sibling = new WebhookReceiver().start()) {
            chosen.behave(WebhookReceiver.Behaviour.answer(503));
            sibling.behave(WebhookReceiver.Behaviour.answer(503));
            String chosenId = createEndpoint(merchant, chosen.url("/hooks"), "\"api_key.revoked\"")
                    .get("id")
                    .asText();
            String siblingId = createEndpoint(merchant, sibling.url("/hooks"), "\"api_key.revoked\"")
                    .get("id")
                    .asText();
            Instant before = clock.now();

            // Fails at both endpoints.
            revokeANewKey(merchant);
            // Fails at the sibling only: a test event goes to the endpoint it names.
            Response test = api.post("/v1/webhooks/test", merchant.key(), "{\"endpointId\":\"" + siblingId + "\"}");
            assertThat(test.status()).as(test.body()).isEqualTo(202);
            String siblingOnly = test.data().get("eventId").asText();
            await().atMost(WAIT)
                    .until(() ->
                            chosen.received().size() >= 1 && sibling.received().size() >= 2);
            settle(merchant, chosenId, siblingId);
            assertThat(deliveries(merchant, chosenId))
                    .allSatisfy(r -> assertThat(r.delivery().status()).isEqualTo(DeliveryStatus.FAILED));
            assertThat(deliveries(merchant, siblingId))
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r.delivery().status()).isEqualTo(DeliveryStatus.FAILED));
            String everywhere = deliveries(merchant, chosenId).get(0).eventIds().get(0);
            assertThat(everywhere).isNotEqualTo(siblingOnly);

            chosen.behave(WebhookReceiver.Behaviour.answer(200));
            sibling.behave(WebhookReceiver.Behaviour.answer(200));
            int chosenBefore = chosen.received().size();
            int siblingBefore = sibling.received().size();
            Response replay = api.post(
                    "/v1/webhooks/replay",
                    merchant.key(),
                    "{\"failedSince\":\"" + before + "\",\"endpointId\":\"" + chosenId + "\"}");
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(replay.data().get("events").asInt()).isEqualTo(1);
            assertThat(replay.data().get("batchIds")).hasSize(1);

            await().atMost(WAIT).until(() -> chosen.received().size() == chosenBefore + 1);
            JsonNode replayed =
                    JSON.readTree(chosen.received().get(chosenBefore).body());
            assertThat(replayed.get("batchId").asText())
                    .isEqualTo(replay.data().get("batchIds").get(0).asText());
            assertThat(replayed.get("data")).hasSize(1);
            assertThat(replayed.get("data").get(0).get("eventId").asText()).isEqualTo(everywhere);
            settle(merchant, chosenId, siblingId);
            assertThat(deliveries(merchant, siblingId)).hasSize(2);
            assertThat(sibling.received()).hasSize(siblingBefore);
            assertThat(chosen.received()).hasSize(chosenBefore + 1);
        }
    }
}
