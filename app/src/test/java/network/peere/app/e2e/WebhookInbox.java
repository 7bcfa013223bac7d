package network.peere.app.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import network.peere.app.testing.WebhookReceiver;

/** A real webhook receiver for an end-to-end suite, and lookups over the items delivered to it. */
final class WebhookInbox implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookReceiver receiver = new WebhookReceiver();

    void start() {
        receiver.start();
    }

    String url(String path) {
        return receiver.url(path);
    }

    List<WebhookReceiver.Received> received() {
        return receiver.received();
    }

    /** The first delivered item of this event type to this participant whose {@code field} is {@code value}. */
    JsonNode awaitItem(String webhookType, String entityId, String field, String value) {
        return awaitItem(webhookType, entityId, having(field, value));
    }

    /** The first delivered item of this event type to this participant that matches. */
    JsonNode awaitItem(String webhookType, String entityId, Predicate<JsonNode> matching) {
        return awaitDelivery(webhookType, entityId, matching).item();
    }

    /** The {@code billing.intent.response} telling this merchant that this decision's agreement is now {@code status}. */
    JsonNode awaitDecision(String merchantId, String customerDecisionId, String status) {
        return awaitItem(
                "billing.intent.response",
                merchantId,
                having("customerDecisionId", customerDecisionId).and(having("status", status)));
    }

    /** The whole body (envelope and items) that delivered the first such item whose {@code field} is {@code value}. */
    JsonNode awaitEnvelope(String webhookType, String entityId, String field, String value) {
        return awaitDelivery(webhookType, entityId, having(field, value)).envelope();
    }

    private static Predicate<JsonNode> having(String field, String value) {
        return item -> item.path(field).asText().equals(value);
    }

    private record Delivered(JsonNode envelope, JsonNode item) {}

    private Delivered awaitDelivery(String webhookType, String entityId, Predicate<JsonNode> matching) {
        return await().atMost(WAIT)
                .until(() -> find(webhookType, entityId, matching), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<Delivered> find(String webhookType, String entityId, Predicate<JsonNode> matching) {
        for (WebhookReceiver.Received request : receiver.received()) {
            JsonNode envelope = parse(request.body());
            if (!envelope.path("webhookType").asText().equals(webhookType)
                    || !envelope.path("entityId").asText().equals(entityId)) {
                continue;
            }
            for (JsonNode item : envelope.path("data")) {
                if (matching.test(item)) {
                    return Optional.of(new Delivered(envelope, item));
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        receiver.close();
    }
}
