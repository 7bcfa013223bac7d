package network.peere.core.domain.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** Where one participant, in one mode, wants the events of the types it chose. */
public record WebhookEndpoint(
        WebhookEndpointId id,
        ParticipantId participantId,
        Mode mode,
        URI url,
        Set<EventType> eventTypes,
        EndpointStatus status,
        EndpointSecrets secrets,
        Instant createdAt,
        Instant updatedAt) {
    public static final int URL_LENGTH_MAX = 2048;
    public static final int PER_PARTICIPANT_MAX = 20;

    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        eventTypes = Set.copyOf(eventTypes);
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("an endpoint subscribes to at least one event type");
        }
        if (url.toString().length() > URL_LENGTH_MAX) {
            throw new IllegalArgumentException("an endpoint url is at most " + URL_LENGTH_MAX + " characters");
        }
    }

    public boolean wants(EventType type) {
        return status.receives() && eventTypes.contains(type);
    }

    public WebhookEndpoint with(URI newUrl, Set<EventType> newTypes, EndpointStatus newStatus, Instant now) {
        return new WebhookEndpoint(id, participantId, mode, newUrl, newTypes, newStatus, secrets, createdAt, now);
    }

    public WebhookEndpoint withSecrets(EndpointSecrets newSecrets, Instant now) {
        return new WebhookEndpoint(id, participantId, mode, url, eventTypes, status, newSecrets, createdAt, now);
    }
}
