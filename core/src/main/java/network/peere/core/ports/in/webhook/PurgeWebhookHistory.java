package network.peere.core.ports.in.webhook;

import java.time.Duration;

/**
 * Forgets webhook history past its retention: deliveries that finished (delivered or failed) longer ago than {@code
 * retention}, with their attempts, then events older than that which no delivery carries any more. Pending
 * deliveries and their events are never purged, whatever their age. Called by a background job, in batches; safe
 * with several processes purging at once.
 */
public interface PurgeWebhookHistory {
    int BATCH_SIZE_MAX = 1_000;

    Purged purge(Duration retention, int limit);

    /** How many rows of each kind went in this batch. */
    record Purged(int deliveries, int events) {
        public boolean none() {
            return deliveries == 0 && events == 0;
        }
    }
}
