package network.peere.core.ports.in.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EndpointStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookSecret;

/**
 * A participant registers, changes and removes its own webhook endpoints, and rotates an endpoint's signing secret.
 * Secrets are shown once, when created or rotated.
 */
public interface ManageWebhookEndpoints {
    Duration GRACE_DEFAULT = Duration.ofHours(24);
    Duration GRACE_MAX = Duration.ofDays(7);

    Creation create(Mode mode, ParticipantId owner, Spec spec, Actor actor);

    List<WebhookEndpoint> list(Mode mode, ParticipantId owner);

    Optional<WebhookEndpoint> find(Mode mode, ParticipantId owner, WebhookEndpointId id);

    Change update(Mode mode, ParticipantId owner, WebhookEndpointId id, Spec spec, Actor actor);

    Change delete(Mode mode, ParticipantId owner, WebhookEndpointId id, Actor actor);

    /** A new secret; the old one keeps signing for {@code grace} (at most {@link #GRACE_MAX}). */
    Rotation rotateSecret(Mode mode, ParticipantId owner, WebhookEndpointId id, Duration grace, Actor actor);

    /** What an endpoint is: its URL, the event types it wants, and whether it receives ({@code ENABLED}). */
    record Spec(URI url, Set<EventType> eventTypes, EndpointStatus status) {
        public Spec {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(status, "status");
            eventTypes = Set.copyOf(eventTypes);
        }
    }

    sealed interface Creation {
        record Created(WebhookEndpoint endpoint, WebhookSecret secret) implements Creation {}

        record Rejected(Rejection reason, String detail) implements Creation {}
    }

    sealed interface Change {
        record Changed(WebhookEndpoint endpoint) implements Change {}

        record Rejected(Rejection reason, String detail) implements Change {}
    }

    sealed interface Rotation {
        record Rotated(WebhookEndpoint endpoint, WebhookSecret secret) implements Rotation {}

        record Rejected(Rejection reason, String detail) implements Rotation {}
    }

    /** In precedence order. */
    enum Rejection {
        ENDPOINT_NOT_FOUND,
        URL_NOT_ALLOWED,
        TOO_MANY_ENDPOINTS,
        CONCURRENT_CHANGE
    }
}
