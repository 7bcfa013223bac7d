package network.peere.core.ports.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.domain.webhook.DeliveryAttempt;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.WebhookDelivery;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;

/**
 * Deliveries of outbox events to endpoints, the work queue of the delivery workers. State lives here, not in
 * memory, so retries survive restarts, and several server processes share the work through leases.
 */
public interface WebhookDeliveryQueue {
    /** The most attempts {@link #recordAttempts} takes at once. */
    int RECORD_BATCH_MAX = 200;

    /**
     * Adds the event to a delivery of its type to the endpoint that has not been attempted yet and has room (up to
     * {@link WebhookDelivery#BATCH_SIZE_MAX} items), or else starts {@code fresh} with it.
     *
     * @return the id of the delivery that carries the event
     */
    String enqueue(WebhookEvent event, WebhookDelivery fresh);

    /** Starts a delivery of exactly these events (a replay or a test), never joining another. */
    void enqueueAlone(WebhookDelivery fresh, List<WebhookEvent> events);

    /**
     * Leases up to {@code limit} pending deliveries due at {@code now} (oldest due first) whose lease is free or
     * expired, skipping rows another worker is claiming ({@code FOR UPDATE SKIP LOCKED}).
     */
    List<ClaimedDelivery> claimDue(Instant now, Duration lease, String leaseToken, int limit);

    /**
     * Records an attempt and the delivery's next state, and frees the lease, only while {@code claim}'s lease token is
     * still the delivery's.
     *
     * @return false when the lease was lost (expired and taken by another worker): nothing was recorded
     */
    boolean recordAttempt(ClaimedDelivery claim, DeliveryAttempt attempt, DeliveryStatus next, Instant nextAttemptAt);

    /** One finished attempt to record, with the delivery's next state. */
    record AttemptRecord(ClaimedDelivery claim, DeliveryAttempt attempt, DeliveryStatus next, Instant nextAttemptAt) {
        public AttemptRecord {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        }
    }

    /**
     * Records several attempts in one transaction (the caller's, or one of its own), each exactly as {@link
     * #recordAttempt} would: only while its claim's lease token is still its delivery's. One commit for many attempts
     * is what lets a worker keep up with fast receivers. At most {@link #RECORD_BATCH_MAX} at once, one per delivery.
     *
     * @return the ids of the deliveries whose attempts were recorded; the others had lost their lease
     */
    Set<String> recordAttempts(List<AttemptRecord> records);

    /** Newest first, then by id; with each delivery's event ids and attempts. */
    Page<DeliveryRecord> list(
            Mode mode,
            ParticipantId owner,
            WebhookEndpointId endpoint,
            Optional<DeliveryStatus> status,
            PageRequest page);

    /**
     * Deletes up to {@code limit} deliveries that finished (delivered or failed) before {@code cutoff}, with their
     * items and attempts, oldest first. Rows another purger is deleting are skipped, not waited for.
     *
     * @return how many deliveries were deleted
     */
    int purgeFinishedBefore(Instant cutoff, int limit);
}
