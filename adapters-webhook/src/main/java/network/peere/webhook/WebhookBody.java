package network.peere.webhook;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.JsonText;
import network.peere.core.ports.out.WebhookSender;

/**
 * A delivery's body in its format: the documented batched envelope {@code {entityId, entityType, webhookType,
 * timestamp, batchId, data, itemCount}} ({@code billing.response} adds {@code totalAmount}), with the items exactly as
 * the outbox holds them (no {@code signature} member: a body cannot carry its own), or a link callback's form.
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
        body.append(delivery.items().size());
        if (delivery.type() == EventType.BILLING_RESPONSE) {
            body.append(",\"totalAmount\":")
                    .append(totalAmount(delivery.items())
                            .map(BigDecimal::toPlainString)
                            .orElse("null"));
        }
        return body.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code billing.response}'s envelope adds {@code totalAmount} (public docs §2.3): the sum of its items' {@code
     * amount}, in the same major units and written the same way; empty when the items are in more than one currency,
     * whose amounts do not add up, or one has no amount.
     */
    static Optional<BigDecimal> totalAmount(List<String> items) {
        BigDecimal total = BigDecimal.ZERO;
        Set<String> currencies = new HashSet<>();
        for (String item : items) {
            Map<String, JsonMembers.Value> members = new HashMap<>();
            JsonMembers.of(item).orElse(List.of()).forEach(m -> members.put(m.name(), m.value()));
            if (!(members.get("amount") instanceof JsonMembers.Value.Literal amount)
                    || !(members.get("currency") instanceof JsonMembers.Value.Text currency)) {
                return Optional.empty();
            }
            try {
                total = total.add(new BigDecimal(amount.json()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
            currencies.add(currency.value());
        }
        return currencies.size() == 1 ? Optional.of(total) : Optional.empty();
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
