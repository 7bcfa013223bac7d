package network.peere.core.domain.webhook;

import java.util.List;
import java.util.Objects;

/**
 * A due delivery one worker holds a lease on, with its events in the order they were written. Only the holder of
 * {@code leaseToken} can record its attempt, so two workers never both record (or both send) one attempt.
 */
public record ClaimedDelivery(WebhookDelivery delivery, String leaseToken, List<WebhookEvent> events) {
    public ClaimedDelivery {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(leaseToken, "leaseToken");
        events = List.copyOf(events);
    }
}
