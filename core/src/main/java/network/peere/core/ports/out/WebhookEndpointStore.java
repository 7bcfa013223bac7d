package network.peere.core.ports.out;

import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;

/** Webhook endpoints, each owned by one participant in one mode; every method is scoped to that owner. */
public interface WebhookEndpointStore {
    void insert(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> find(Mode mode, ParticipantId owner, WebhookEndpointId id);

    /** Oldest first, then by id. */
    List<WebhookEndpoint> listFor(Mode mode, ParticipantId owner);

    /**
     * Replaces the stored endpoint (same id and owner) only if it is still as {@code expected} left it (same
     * {@code updatedAt}), so of two concurrent changes one wins and the other is told.
     *
     * @return false when the endpoint is gone or was changed since {@code expected} was read
     */
    boolean update(WebhookEndpoint expected, WebhookEndpoint changed);

    /** @return false when there was no such endpoint */
    boolean delete(Mode mode, ParticipantId owner, WebhookEndpointId id);
}
