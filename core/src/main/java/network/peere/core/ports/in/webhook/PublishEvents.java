package network.peere.core.ports.in.webhook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookEvent;

/**
 * Writes an event to the outbox and queues it for the recipient's endpoints subscribed to its type, in the caller's
 * transaction when there is one: a change that rolls back sends nothing.
 */
public interface PublishEvents {
    /** @param data the item's own members (see {@link network.peere.core.domain.webhook.JsonText} for the values) */
    WebhookEvent publish(Mode mode, ParticipantId recipient, EventType type, String objectId, Map<String, ?> data);

    /**
     * {@link #publish} of the first event about an object the caller's transaction has just created (a fresh id): its
     * sequence is 1, and its count is started without asking the database. If the object has events already, the
     * caller's transaction fails (now or at its next statement or commit) and rolls back, unless the caller catches
     * the failure and goes on: then what fails depends on the store, so callers must not.
     */
    WebhookEvent publishFirst(Mode mode, ParticipantId recipient, EventType type, String objectId, Map<String, ?> data);

    /** One event of {@link #publishAll}: what {@link #publish} takes besides the mode. */
    record Draft(ParticipantId recipient, EventType type, String objectId, Map<String, ?> data) {
        public Draft {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(objectId, "objectId");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * {@link #publish} for each draft, in order, as one change: the same events, sequence numbers and deliveries as
     * publishing them one by one, written with a few statements for all of them.
     */
    List<WebhookEvent> publishAll(Mode mode, List<Draft> drafts);
}
