package network.peere.core.ports.in.webhook;

import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;

/** Queues a signed {@code webhook.test} event to one endpoint, so an integrator can check its receiver. */
public interface SendTestEvent {
    TestSend sendTest(Mode mode, ParticipantId owner, WebhookEndpointId endpoint);

    sealed interface TestSend {
        record Queued(WebhookEvent event, String deliveryId) implements TestSend {}

        record Rejected(ReplayEvents.Rejection reason) implements TestSend {}
    }
}
