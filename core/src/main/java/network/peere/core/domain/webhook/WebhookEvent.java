package network.peere.core.domain.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * One outbox row: an event for one participant, written in the transaction of the change it announces.
 * {@code sequence} counts the events about {@code objectId} (1, 2, …) so receivers apply them in causal order even
 * when deliveries overtake each other; {@code item} is the JSON object sent in the envelope's {@code data} array.
 */
public record WebhookEvent(
        String id,
        Mode mode,
        ParticipantId participantId,
        EventType type,
        String objectId,
        long sequence,
        String item,
        Instant createdAt) {
    public static final String ID_PREFIX = "evt";
    public static final int OBJECT_ID_LENGTH_MAX = 64;

    public WebhookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(createdAt, "createdAt");
        if (objectId.isEmpty() || objectId.length() > OBJECT_ID_LENGTH_MAX) {
            throw new IllegalArgumentException("an object id is 1-" + OBJECT_ID_LENGTH_MAX + " characters");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequences start at 1");
        }
    }

    /** The item: {@code eventId}, {@code sequence}, {@code objectId}, {@code createdAt}, then the event's own data. */
    public static String item(String id, String objectId, long sequence, Instant createdAt, Map<String, ?> data) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("eventId", id);
        item.put("sequence", sequence);
        item.put("objectId", objectId);
        item.put("createdAt", createdAt);
        data.forEach(item::putIfAbsent);
        return JsonText.render(item);
    }
}
