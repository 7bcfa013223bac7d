package network.peere.core.ports.in.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.peere.core.domain.webhook.ClaimedDelivery;

/**
 * What a delivery worker does: lease due deliveries, then attempt each (send, record, schedule the retry). Any
 * number of workers, in any number of processes on one database, may run this; a lease means one attempt is sent by
 * one worker.
 */
public interface DeliverWebhooks {
    int CLAIM_LIMIT_MAX = 200;

    /** Longer than any send can take ({@code HttpWebhookSender}'s timeout), so a lease never ends mid-attempt. */
    Duration LEASE = Duration.ofMinutes(2);

    List<ClaimedDelivery> claimDue(int limit);

    Outcome attempt(ClaimedDelivery claim);

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
