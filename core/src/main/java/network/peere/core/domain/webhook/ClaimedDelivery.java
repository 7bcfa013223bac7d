package network.peere.core.domain.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A due delivery one worker holds a lease on, with its events in the order they were written. Only the holder of
 * {@code leaseToken} can record its attempt, so two workers never both record (or both send) one attempt.
 *
 * <p>{@code endpoint} is the delivery's endpoint as read in the claim's transaction, so a batch of claims for one
 * endpoint reads it once; empty when the claim did not read it (a store's claim, a link callback, or an endpoint not
 * found), and then the sender reads it itself.
 */
public record ClaimedDelivery(
        WebhookDelivery delivery, String leaseToken, List<WebhookEvent> events, Optional<WebhookEndpoint> endpoint) {
    public ClaimedDelivery {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(leaseToken, "leaseToken");
        events = List.copyOf(events);
        Objects.requireNonNull(endpoint, "endpoint");
        endpoint.ifPresent(e -> {
            if (!e.id().equals(delivery.endpointId())
                    || !e.participantId().equals(delivery.participantId())
                    || e.mode() != delivery.mode()) {
                throw new IllegalArgumentException("a claim carries its own delivery's endpoint only");
            }
        });
    }

    /** As a store claims it: the endpoint not read yet. */
    public ClaimedDelivery(WebhookDelivery delivery, String leaseToken, List<WebhookEvent> events) {
        this(delivery, leaseToken, events, Optional.empty());
    }

    public ClaimedDelivery withEndpoint(Optional<WebhookEndpoint> read) {
        return new ClaimedDelivery(delivery, leaseToken, events, read);
    }
}
