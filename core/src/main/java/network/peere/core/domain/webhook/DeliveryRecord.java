package network.peere.core.domain.webhook;

import java.util.List;
import java.util.Objects;

/** A delivery as operators and integrators see it: its state, its events' ids and every attempt so far. */
public record DeliveryRecord(WebhookDelivery delivery, List<String> eventIds, List<DeliveryAttempt> attempts) {
    public DeliveryRecord {
        Objects.requireNonNull(delivery, "delivery");
        eventIds = List.copyOf(eventIds);
        attempts = List.copyOf(attempts);
    }
}
