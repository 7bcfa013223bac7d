package network.peere.core.domain.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * One batch of events of one type for one endpoint. Its id is the envelope's {@code batchId} and the {@code
 * webhook-id} header, the same on every retry, so receivers can de-duplicate a delivery as well as each event.
 */
public record WebhookDelivery(
        String id,
        Mode mode,
        ParticipantId participantId,
        WebhookEndpointId endpointId,
        EventType type,
        DeliveryStatus status,
        int attempts,
        int itemCount,
        Instant createdAt,
        Instant nextAttemptAt,
        Optional<Instant> finishedAt) {
    public static final String ID_PREFIX = "batch";
    /** Events of one type for one endpoint that may share a delivery. */
    public static final int BATCH_SIZE_MAX = 100;

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (attempts < 0 || itemCount < 1 || itemCount > BATCH_SIZE_MAX) {
            throw new IllegalArgumentException("attempts >= 0 and 1.." + BATCH_SIZE_MAX + " items");
        }
    }
}
