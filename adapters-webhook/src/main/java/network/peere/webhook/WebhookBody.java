package network.peere.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import network.peere.core.domain.webhook.JsonText;
import network.peere.core.ports.out.WebhookSender;

/**
 * A delivery's body in its format: the documented batched envelope {@code {entityId, entityType, webhookType,
 * timestamp, batchId, data, itemCount}}, with the items exactly as the outbox holds them (no {@code signature} member:
 * a body cannot carry its own), or a link callback's form.
 */
public final class WebhookBody {
    /** ISO-8601 with milliseconds, as the public docs' examples ({@code 2024-01-15T10:30:00.000Z}). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WebhookBody() {}

    public static byte[] of(WebhookSender.Outgoing delivery) {
        return switch (delivery.format()) {
            case WebhookSender.Format.Envelope envelope -> envelope(delivery);
            case WebhookSender.Format.LinkCallback callback ->
                form(delivery.items().get(0));
        };
    }

    public static String contentType(WebhookSender.Format format) {
        return switch (format) {
            case WebhookSender.Format.Envelope envelope -> "application/json";
            case WebhookSender.Format.LinkCallback callback -> "application/x-www-form-urlencoded";
        };
    }

    private static byte[] envelope(WebhookSender.Outgoing delivery) {
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

    /**
     * peerwallet-api.md §2.3: the item's top-level members as form fields in the item's order; strings as they are,
     * numbers as written ({@code 10.00} stays {@code 10.00}), booleans as {@code true}/{@code false}, objects and arrays
     * as compact JSON text, nulls left out; names and values percent-encoded as UTF-8.
     */
    static byte[] form(String item) {
        List<JsonMembers.Member> members = JsonMembers.of(item)
                .orElseThrow(() -> new IllegalStateException("a link callback's item is not one JSON object"));
        var form = new StringJoiner("&");
        for (JsonMembers.Member member : members) {
            field(member.value())
                    .ifPresent(value -> form.add(URLEncoder.encode(member.name(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> field(JsonMembers.Value value) {
        return switch (value) {
            case JsonMembers.Value.Text text -> Optional.of(text.value());
            case JsonMembers.Value.Literal literal -> Optional.of(literal.json());
            case JsonMembers.Value.Nested nested -> Optional.of(nested.json());
            case JsonMembers.Value.Null absent -> Optional.empty();
        };
    }
}
