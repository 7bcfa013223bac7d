package network.peere.core.services.webhook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookDelivery;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;

/**
 * Appends events to the outbox and fans them out at once: a delivery is queued for every endpoint of the recipient
 * that, at the moment of the event, receives and subscribes to its type. Fanning out here rather than in the worker
 * keeps "who gets this event" a decision made in the transaction of the change, and lets the workers only send.
 */
public final class EventPublisher implements PublishEvents {
    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;

    public EventPublisher(PeereStores stores, Clock clock, IdGenerator ids) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public WebhookEvent publish(
            Mode mode, ParticipantId recipient, EventType type, String objectId, Map<String, ?> data) {
        return publishExcept(mode, recipient, type, objectId, data, Optional.empty());
    }

    /**
     * The events' deliveries are fresh ones, one per endpoint and type for the events of this call (split at
     * {@link WebhookDelivery#BATCH_SIZE_MAX}), never joined to a delivery already queued: joining updates that
     * delivery's row, and a transaction that joined several, in the order of its drafts, could wait for one while
     * holding another that a second transaction, joining them in another order, waits for.
     */
    @Override
    public List<WebhookEvent> publishAll(Mode mode, List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        return stores.transactor().inTransaction(() -> {
            List<Long> sequences = stores.eventOutbox()
                    .nextSequences(mode, drafts.stream().map(Draft::objectId).toList());
            List<WebhookEvent> events = new ArrayList<>(drafts.size());
            for (int i = 0; i < drafts.size(); i++) {
                events.add(newEvent(mode, drafts.get(i), sequences.get(i)));
            }
            stores.eventOutbox().appendAll(events);
            Map<ParticipantId, List<WebhookEndpoint>> endpointsOf = new HashMap<>();
            Map<Target, List<WebhookEvent>> deliveries = new LinkedHashMap<>();
            for (WebhookEvent event : events) {
                List<WebhookEndpoint> endpoints = endpointsOf.computeIfAbsent(
                        event.participantId(),
                        recipient -> stores.webhookEndpoints().listFor(mode, recipient));
                for (WebhookEndpoint endpoint : endpoints) {
                    if (endpoint.wants(event.type())) {
                        deliveries
                                .computeIfAbsent(new Target(endpoint.id(), event.type()), key -> new ArrayList<>())
                                .add(event);
                    }
                }
            }
            deliveries.forEach((target, ofTarget) -> {
                for (int from = 0; from < ofTarget.size(); from += WebhookDelivery.BATCH_SIZE_MAX) {
                    List<WebhookEvent> items = List.copyOf(
                            ofTarget.subList(from, Math.min(ofTarget.size(), from + WebhookDelivery.BATCH_SIZE_MAX)));
                    stores.webhookDeliveries()
                            .enqueueAlone(freshDelivery(items.getFirst(), target.endpoint(), items.size()), items);
                }
            });
            return List.copyOf(events);
        });
    }

    /** Where {@link #publishAll} delivers: an endpoint, for one event type. */
    private record Target(WebhookEndpointId endpoint, EventType type) {}

    /** As {@link #publish}, but never to {@code except} (the endpoint whose failure the event announces). */
    WebhookEvent publishExcept(
            Mode mode,
            ParticipantId recipient,
            EventType type,
            String objectId,
            Map<String, ?> data,
            Optional<WebhookEndpointId> except) {
        return publishOne(mode, new Draft(recipient, type, objectId, data), except, false);
    }

    @Override
    public WebhookEvent publishFirst(
            Mode mode, ParticipantId recipient, EventType type, String objectId, Map<String, ?> data) {
        return publishOne(mode, new Draft(recipient, type, objectId, data), Optional.empty(), true);
    }

    private WebhookEvent publishOne(
            Mode mode, Draft draft, Optional<WebhookEndpointId> except, boolean aboutNewObject) {
        return stores.transactor().inTransaction(() -> {
            // The endpoints are read first: what follows (a new object's count, the event) are writes that may wait
            // for the caller's next statement and go with it (EventOutbox#append) when no endpoint takes the event.
            List<WebhookEndpoint> endpoints = stores.webhookEndpoints().listFor(mode, draft.recipient());
            long sequence = aboutNewObject
                    ? stores.eventOutbox().firstSequence(mode, draft.objectId())
                    : stores.eventOutbox().nextSequence(mode, draft.objectId());
            WebhookEvent event = newEvent(mode, draft, sequence);
            stores.eventOutbox().append(event);
            for (WebhookEndpoint endpoint : endpoints) {
                if (endpoint.wants(draft.type()) && !except.equals(Optional.of(endpoint.id()))) {
                    stores.webhookDeliveries().enqueue(event, freshDelivery(event, endpoint.id(), 1));
                }
            }
            return event;
        });
    }

    /**
     * As {@link #publish}, and also to {@code target} alone in its own delivery whatever it subscribes to: a link's
     * callback, which goes to the link's callback URL (the link's id stands in for an endpoint's).
     */
    public WebhookEvent publishWithTarget(
            Mode mode,
            ParticipantId recipient,
            EventType type,
            String objectId,
            Map<String, ?> data,
            WebhookEndpointId target) {
        return stores.transactor().inTransaction(() -> {
            WebhookEvent event = publish(mode, recipient, type, objectId, data);
            stores.webhookDeliveries().enqueueAlone(freshDelivery(event, target, 1), java.util.List.of(event));
            return event;
        });
    }

    /** Written to the outbox but not fanned out: the caller chooses the endpoint (a test event). */
    WebhookEvent appendOnly(Mode mode, ParticipantId recipient, EventType type, String objectId, Map<String, ?> data) {
        return stores.transactor().inTransaction(() -> {
            WebhookEvent event = newEvent(
                    mode,
                    new Draft(recipient, type, objectId, data),
                    stores.eventOutbox().nextSequence(mode, objectId));
            stores.eventOutbox().append(event);
            return event;
        });
    }

    WebhookDelivery freshDelivery(WebhookEvent event, WebhookEndpointId endpoint, int itemCount) {
        var now = clock.now();
        return new WebhookDelivery(
                ids.newId(WebhookDelivery.ID_PREFIX),
                event.mode(),
                event.participantId(),
                endpoint,
                event.type(),
                DeliveryStatus.PENDING,
                0,
                itemCount,
                now,
                now,
                Optional.empty());
    }

    private WebhookEvent newEvent(Mode mode, Draft draft, long sequence) {
        String id = ids.newId(WebhookEvent.ID_PREFIX);
        var now = clock.now();
        return new WebhookEvent(
                id,
                mode,
                draft.recipient(),
                draft.type(),
                draft.objectId(),
                sequence,
                WebhookEvent.item(id, draft.objectId(), sequence, now, draft.data()),
                now);
    }
}
