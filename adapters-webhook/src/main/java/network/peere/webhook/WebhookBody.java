package network.peere.webhook;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import network.peere.core.domain.webhook.JsonText;
import network.peere.core.ports.out.WebhookSender;

/**
 * The documented batched envelope {@code {entityId, entityType, webhookType, timestamp, batchId, data, itemCount}},
 * with the items exactly as the outbox holds them. No {@code signature} member: a body cannot carry its own.
 */
public final class WebhookBody {
    /** ISO-8601 with milliseconds, as the public docs' examples ({@code 2024-01-15T10:30:00.000Z}). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WebhookBody() {}

    public static byte[] of(WebhookSender.Outgoing delivery) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("entityId", delivery.entityId());
        head.put("entityType", delivery.entityType());
        head.put("webhookType", delivery.type().wire());
        head.put("timestamp", TIMESTAMP.format(delivery.timestamp()));
        head.put("batchId", delivery.batchId());
        String rendered = JsonText.render(head);
        var body = new StringBuilder(rendered.length() + 256 * delivery.items().size());
        body.append(rendered, 0, rendered.length() - 1);
        body.append(",\"data\":[").append(String.join(",", delivery.items())).append("],\"itemCount\":");
        body.append(delivery.items().size()).append('}');
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
