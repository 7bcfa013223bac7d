package network.peere.core.ports.in.webhook;

import java.time.Instant;
import java.util.List;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.WebhookEndpointId;

/**
 * Sends events again, in new deliveries (new batch ids; the events keep their ids and sequences so receivers can
 * de-duplicate): one event, delivered or not, or every event whose delivery failed since a time.
 */
public interface ReplayEvents {
    int EVENTS_MAX = 1000;

    Replay replayOne(Mode mode, ParticipantId owner, String eventId, Target target, Actor actor);

    Replay replayFailedSince(Mode mode, ParticipantId owner, Instant since, Target target, Actor actor);

    /** The endpoints subscribed to the event's type now, or one chosen endpoint whatever it subscribes to. */
    sealed interface Target {
        record SubscribedNow() implements Target {}

        record Endpoint(WebhookEndpointId id) implements Target {}
    }

    sealed interface Replay {
        record Queued(int events, List<String> deliveryIds) implements Replay {}

        record Rejected(Rejection reason) implements Replay {}
    }

    /** In precedence order. */
    enum Rejection {
        ENDPOINT_NOT_FOUND,
        ENDPOINT_DISABLED,
        EVENT_NOT_FOUND
    }
}
