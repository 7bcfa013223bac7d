package network.peere.core.ports.in.webhook;

import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.WebhookEndpointId;

/** An endpoint's deliveries, newest first, each with its attempts (status code, latency, error). */
public interface ListDeliveries {
    /** @return empty when the owner has no such endpoint */
    Optional<Page<DeliveryRecord>> list(
            Mode mode,
            ParticipantId owner,
            WebhookEndpointId endpoint,
            Optional<DeliveryStatus> status,
            PageRequest page);
}
