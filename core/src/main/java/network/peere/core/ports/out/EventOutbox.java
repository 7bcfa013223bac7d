package network.peere.core.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;

/** The transactional outbox: events are appended in the transaction of the change they announce. */
public interface EventOutbox {
    /**
     * The next sequence number of events about {@code objectId} (1 for the first). Incremented atomically in the
     * caller's transaction (the counter's row stays locked until it ends), never read-then-written, so two concurrent
     * changes of one object get distinct numbers in commit order.
     */
    long nextSequence(Mode mode, String objectId);

    /**
     * Starts the count of an object created in the caller's transaction (a fresh id, so no event about it exists yet):
     * returns 1 without asking the database, and writes the counter the way {@link #append} writes an event, possibly
     * later in the transaction. If the object already has a count, the transaction fails (the counter's key is taken)
     * and nothing of it commits.
     */
    long firstSequence(Mode mode, String objectId);

    /**
     * {@link #nextSequence} for each of {@code objectIds} in order, in one go (a few round trips where the database
     * allows): an id named k times gets its next k numbers, in the order it is named.
     *
     * @return the numbers, one per element of {@code objectIds}
     */
    List<Long> nextSequences(Mode mode, List<String> objectIds);

    /** A new event; like {@link ChargeStore#insert}, the write may be sent later in the caller's transaction. */
    void append(WebhookEvent event);

    /** {@link #append} for several events in one go (one round trip where the database allows). */
    void appendAll(List<WebhookEvent> events);

    Optional<WebhookEvent> find(Mode mode, ParticipantId owner, String eventId);

    /**
     * Events of the owner in a delivery that failed at or after {@code since} (to {@code endpoint} when given), each
     * once, oldest first, at most {@code limit}.
     */
    List<WebhookEvent> failedSince(
            Mode mode, ParticipantId owner, Instant since, Optional<WebhookEndpointId> endpoint, int limit);

    /**
     * Deletes up to {@code limit} events created before {@code cutoff} that no delivery carries, oldest first. The
     * per-object sequence counters stay, so numbering continues after a purge.
     *
     * @return how many events were deleted
     */
    int purgeUnreferencedBefore(Instant cutoff, int limit);
}
