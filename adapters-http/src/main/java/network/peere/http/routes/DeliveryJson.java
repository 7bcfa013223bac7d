package network.peere.http.routes;

import java.util.Map;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.DeliveryAttempt;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.WebhookDelivery;
import network.peere.http.support.Envelope;

/**
 * A delivery with its attempts as the wire shows it, in one shape wherever deliveries are listed: an endpoint's
 * webhook deliveries and a payment link's callbacks (which go through the same queue).
 */
final class DeliveryJson {
    private DeliveryJson() {}

    static Map<String, Object> delivery(DeliveryRecord record) {
        WebhookDelivery d = record.delivery();
        Map<String, Object> json = Envelope.object();
        json.put("batchId", d.id());
        json.put("webhookType", d.type().wire());
        json.put("status", WireEnums.wireName(d.status()));
        json.put("attemptCount", d.attempts());
        json.put("itemCount", d.itemCount());
        json.put("eventIds", record.eventIds());
        json.put("createdAt", d.createdAt());
        json.put("nextAttemptAt", d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null);
        json.put("finishedAt", d.finishedAt().orElse(null));
        json.put(
                "attempts",
                record.attempts().stream().map(DeliveryJson::attempt).toList());
        return json;
    }

    private static Map<String, Object> attempt(DeliveryAttempt a) {
        Map<String, Object> json = Envelope.object();
        json.put("number", a.number());
        json.put("startedAt", a.startedAt());
        json.put("statusCode", a.statusCode().isPresent() ? a.statusCode().getAsInt() : null);
        json.put("latencyMs", a.latency().toMillis());
        json.put("error", a.error().orElse(null));
        json.put("result", WireEnums.wireName(a.result()));
        return json;
    }
}
