package network.peere.core.ports.in.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.domain.webhook.DeliveryAttempt;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.WebhookEndpoint;

/**
 * What a delivery worker does: lease due deliveries, then attempt each (send, record, schedule the retry). Any
 * number of workers, in any number of processes on one database, may run this; a lease means one attempt is sent by
 * one worker. A worker may send several deliveries and then record what they finished together ({@link #send}, then
 * {@link #record}): one commit for many attempts.
 */
public interface DeliverWebhooks {
    int CLAIM_LIMIT_MAX = 200;

    /** Longer than any send can take ({@code HttpWebhookSender}'s timeout), so a lease never ends mid-attempt. */
    Duration LEASE = Duration.ofMinutes(2);

    List<ClaimedDelivery> claimDue(int limit);

    /** Sends one delivery and records it alone. */
    default Outcome attempt(ClaimedDelivery claim) {
        return record(List.of(send(claim))).get(0);
    }

    /**
     * Sends one delivery (or, when its endpoint is disabled or gone, decides not to) and records nothing: until
     * {@link #record} commits, the attempt did not happen as far as the queue knows, and the delivery is sent again
     * once its lease expires (at least once, never lost).
     */
    Finished send(ClaimedDelivery claim);

    /**
     * Records finished attempts, each only while its lease holds, and returns their outcomes in the same order. The
     * common ones (delivered, retry scheduled, not sent) share one transaction; one that disables an endpoint or
     * announces an exhausted delivery gets its own. At most {@link #RECORD_BATCH_MAX}, one per delivery.
     */
    List<Outcome> record(List<Finished> finished);

    int RECORD_BATCH_MAX = 200;

    /** An attempt made but not yet recorded: what to write, and what it means once written. */
    record Finished(
            ClaimedDelivery claim,
            DeliveryAttempt attempt,
            DeliveryStatus next,
            Instant nextAttemptAt,
            Outcome outcome,
            Optional<WebhookEndpoint> endpoint) {
        public Finished {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    sealed interface Outcome {
        record Delivered(int statusCode) implements Outcome {}

        record RetryScheduled(Instant nextAttemptAt) implements Outcome {}

        /** The last attempt of the schedule failed: the delivery is failed and announced to the other endpoints. */
        record Exhausted() implements Outcome {}

        /** The receiver answered 410: the endpoint is disabled and the delivery failed. */
        record EndpointGone() implements Outcome {}

        /** The endpoint was disabled or deleted since the event was queued: failed without sending. */
        record EndpointDisabled() implements Outcome {}

        /** Another worker took over after this one's lease expired; nothing was recorded. */
        record LeaseLost() implements Outcome {}
    }
}
