package network.peere.core.services.webhook;

import static network.peere.core.domain.webhook.DeliveryAttempt.Result.DELIVERED;
import static network.peere.core.domain.webhook.DeliveryAttempt.Result.ENDPOINT_GONE;
import static network.peere.core.domain.webhook.DeliveryAttempt.Result.EXHAUSTED;
import static network.peere.core.domain.webhook.DeliveryAttempt.Result.RETRY_SCHEDULED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.domain.webhook.DeliveryAttempt;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.RetrySchedules;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookDelivery;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;
import network.peere.core.domain.webhook.WebhookSecret;
import network.peere.core.ports.in.webhook.DeliverWebhooks;
import network.peere.core.ports.in.webhook.ListDeliveries;
import network.peere.core.ports.in.webhook.PurgeWebhookHistory;
import network.peere.core.ports.in.webhook.ReplayEvents;
import network.peere.core.ports.in.webhook.SendTestEvent;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.ports.out.SecretCipher;
import network.peere.core.ports.out.WebhookDeliveryQueue;
import network.peere.core.ports.out.WebhookSender;
import network.peere.core.services.audit.AuditTrail;

/** Attempts leased deliveries and schedules their retries; replays events and sends test events. */
public final class WebhookDeliveryService
        implements DeliverWebhooks, ReplayEvents, SendTestEvent, ListDeliveries, PurgeWebhookHistory {
    private static final String LEASE_PREFIX = "lease";
    /** Participants whose role is remembered; past it the memory starts again (a role is one read away). */
    static final int ROLES_CACHED_MAX = 10_000;

    /** The collaborators a delivery needs besides the stores. */
    public record Collaborators(
            Clock clock,
            IdGenerator ids,
            RandomSource random,
            AuditTrail audit,
            SecretCipher cipher,
            WebhookSender sender,
            RetrySchedules retries) {
        public Collaborators {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(cipher, "cipher");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(retries, "retries");
        }
    }

    private final PeereStores stores;
    private final Collaborators with;
    private final EventPublisher publisher;
    private final WebhookEndpointService endpoints;
    private final Map<String, String> roles = new ConcurrentHashMap<>();

    public WebhookDeliveryService(
            PeereStores stores, Collaborators with, EventPublisher publisher, WebhookEndpointService endpoints) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.with = Objects.requireNonNull(with, "with");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    public List<ClaimedDelivery> claimDue(int limit) {
        Invariants.requireArgument(
                limit, limit >= 1 && limit <= CLAIM_LIMIT_MAX, "limit must be 1.." + CLAIM_LIMIT_MAX);
        String token = with.ids().newId(LEASE_PREFIX);
        return stores.transactor().inTransaction(() -> {
            List<ClaimedDelivery> claimed =
                    stores.webhookDeliveries().claimDue(with.clock().now(), LEASE, token, limit);
            // One read per endpoint in the claim, not one per delivery before its send.
            Map<String, Optional<WebhookEndpoint>> byEndpoint = new HashMap<>();
            List<ClaimedDelivery> withEndpoints = new ArrayList<>(claimed.size());
            for (ClaimedDelivery claim : claimed) {
                WebhookDelivery delivery = claim.delivery();
                if (isLinkCallback(delivery)) {
                    withEndpoints.add(claim);
                    continue;
                }
                String key = delivery.mode() + " " + delivery.participantId().value() + " "
                        + delivery.endpointId().value();
                withEndpoints.add(claim.withEndpoint(byEndpoint.computeIfAbsent(
                        key,
                        k -> stores.webhookEndpoints()
                                .find(delivery.mode(), delivery.participantId(), delivery.endpointId()))));
            }
            return List.copyOf(withEndpoints);
        });
    }

    @Override
    public Finished send(ClaimedDelivery claim) {
        WebhookDelivery delivery = claim.delivery();
        Instant started = with.clock().now();
        int number = delivery.attempts() + 1;
        Optional<Destination> target = destinationOf(claim, started);
        if (target.isEmpty()) {
            var attempt = new DeliveryAttempt(
                    delivery.id(),
                    number,
                    started,
                    OptionalInt.empty(),
                    Duration.ZERO,
                    Optional.of("endpoint disabled or deleted; not sent"),
                    DeliveryAttempt.Result.ENDPOINT_DISABLED);
            return new Finished(
                    claim, attempt, DeliveryStatus.FAILED, started, new Outcome.EndpointDisabled(), Optional.empty());
        }
        WebhookSender.Result result = with.sender().send(target.get().outgoing());
        Instant now = with.clock().now();
        return switch (result) {
            case WebhookSender.Result.Accepted accepted ->
                new Finished(
                        claim,
                        attempt(
                                delivery,
                                number,
                                started,
                                result,
                                OptionalInt.of(accepted.statusCode()),
                                "",
                                DELIVERED),
                        DeliveryStatus.DELIVERED,
                        now,
                        new Outcome.Delivered(accepted.statusCode()),
                        target.get().endpoint());
            case WebhookSender.Result.Gone gone ->
                new Finished(
                        claim,
                        attempt(delivery, number, started, result, OptionalInt.of(410), "410 Gone", ENDPOINT_GONE),
                        DeliveryStatus.FAILED,
                        now,
                        new Outcome.EndpointGone(),
                        target.get().endpoint());
            case WebhookSender.Result.Refused refused ->
                retryOrExhaust(
                        claim,
                        number,
                        started,
                        now,
                        result,
                        OptionalInt.of(refused.statusCode()),
                        "HTTP " + refused.statusCode(),
                        refused.retryAfter());
            case WebhookSender.Result.Unacknowledged unacknowledged ->
                retryOrExhaust(
                        claim,
                        number,
                        started,
                        now,
                        result,
                        OptionalInt.of(unacknowledged.statusCode()),
                        unacknowledged.reason(),
                        Optional.empty());
            case WebhookSender.Result.Unreachable unreachable ->
                retryOrExhaust(
                        claim,
                        number,
                        started,
                        now,
                        result,
                        OptionalInt.empty(),
                        unreachable.error(),
                        Optional.empty());
        };
    }

    /** Where a delivery goes and how it is signed: the endpoint, or the callback URL of the link it names. */
    private record Destination(WebhookSender.Outgoing outgoing, Optional<WebhookEndpoint> endpoint) {}

    private Optional<Destination> destinationOf(ClaimedDelivery claim, Instant now) {
        WebhookDelivery delivery = claim.delivery();
        if (isLinkCallback(delivery)) {
            return linkTarget(claim, now);
        }
        return claim.endpoint()
                .or(() -> stores.webhookEndpoints()
                        .find(delivery.mode(), delivery.participantId(), delivery.endpointId()))
                .filter(e -> e.status().receives())
                .map(endpoint -> new Destination(outgoing(claim, endpoint, now), Optional.of(endpoint)));
    }

    /**
     * A link's callbacks are queued with the link's id in place of an endpoint's: they go to its callback URL, one
     * event each, signed with the merchant's callback key. A deactivated link still hears about its subscriptions.
     */
    static boolean isLinkCallback(WebhookDelivery delivery) {
        return delivery.type() == EventType.PAYMENT_LINK_CALLBACK
                && delivery.endpointId().value().startsWith(PaymentLink.ID_PREFIX + "_");
    }

    private Optional<Destination> linkTarget(ClaimedDelivery claim, Instant now) {
        WebhookDelivery delivery = claim.delivery();
        Optional<PaymentLink> link = stores.paymentLinks()
                .find(delivery.mode(), delivery.endpointId().value())
                .filter(l -> l.merchantId().equals(delivery.participantId()));
        Optional<SealedSecret> sealed = stores.paymentLinks().callbackKey(delivery.mode(), delivery.participantId());
        if (link.isEmpty() || sealed.isEmpty()) {
            return Optional.empty();
        }
        WebhookSecret key = with.cipher().open(sealed.get());
        return Optional.of(new Destination(
                new WebhookSender.Outgoing(
                        delivery.id(),
                        link.get().terms().callbackUrl(),
                        delivery.mode(),
                        delivery.participantId().value(),
                        "merchant",
                        delivery.type(),
                        now,
                        claim.events().stream().map(WebhookEvent::item).toList(),
                        key,
                        List.of(key),
                        new WebhookSender.Format.LinkCallback(key)),
                Optional.empty()));
    }

    private Finished retryOrExhaust(
            ClaimedDelivery claim,
            int number,
            Instant started,
            Instant now,
            WebhookSender.Result result,
            OptionalInt status,
            String error,
            Optional<Duration> retryAfter) {
        WebhookDelivery delivery = claim.delivery();
        Optional<Instant> next =
                with.retries().forType(delivery.type()).next(number, delivery.createdAt(), now, retryAfter, jitter());
        if (next.isPresent()) {
            return new Finished(
                    claim,
                    attempt(delivery, number, started, result, status, error, RETRY_SCHEDULED),
                    DeliveryStatus.PENDING,
                    next.get(),
                    new Outcome.RetryScheduled(next.get()),
                    Optional.empty());
        }
        return new Finished(
                claim,
                attempt(delivery, number, started, result, status, error, EXHAUSTED),
                DeliveryStatus.FAILED,
                now,
                new Outcome.Exhausted(),
                Optional.empty());
    }

    @Override
    public List<Outcome> record(List<Finished> finished) {
        Invariants.requireArgument(
                finished.size(),
                finished.size() <= RECORD_BATCH_MAX,
                "at most " + RECORD_BATCH_MAX + " attempts at once");
        List<WebhookDeliveryQueue.AttemptRecord> together = finished.stream()
                .filter(f -> !hasFollowUp(f))
                .map(WebhookDeliveryService::toRecord)
                .toList();
        Set<String> recorded = together.isEmpty()
                ? Set.of()
                : stores.transactor()
                        .inTransaction(() -> stores.webhookDeliveries().recordAttempts(together));
        List<Outcome> outcomes = new ArrayList<>(finished.size());
        for (Finished one : finished) {
            if (hasFollowUp(one)) {
                outcomes.add(recordWithFollowUp(one));
            } else {
                outcomes.add(recorded.contains(one.claim().delivery().id()) ? one.outcome() : new Outcome.LeaseLost());
            }
        }
        return outcomes;
    }

    /** A 410 disables the endpoint and an exhausted delivery is announced, in the attempt's own transaction. */
    private static boolean hasFollowUp(Finished finished) {
        return finished.outcome() instanceof Outcome.EndpointGone || finished.outcome() instanceof Outcome.Exhausted;
    }

    private Outcome recordWithFollowUp(Finished finished) {
        return stores.transactor().inTransaction(() -> {
            ClaimedDelivery claim = finished.claim();
            boolean recorded = stores.webhookDeliveries()
                    .recordAttempt(claim, finished.attempt(), finished.next(), finished.nextAttemptAt());
            if (!recorded) {
                return new Outcome.LeaseLost();
            }
            switch (finished.outcome()) {
                case Outcome.EndpointGone gone -> finished.endpoint().ifPresent(endpoints::disableGone);
                // Never announce the failure of an announcement: one broken endpoint must not start a cascade.
                case Outcome.Exhausted exhausted -> {
                    if (claim.delivery().type() != EventType.WEBHOOK_DELIVERY_EXHAUSTED) {
                        announceExhausted(claim, finished.attempt().number());
                    }
                }
                default -> {}
            }
            return finished.outcome();
        });
    }

    private static WebhookDeliveryQueue.AttemptRecord toRecord(Finished finished) {
        return new WebhookDeliveryQueue.AttemptRecord(
                finished.claim(), finished.attempt(), finished.next(), finished.nextAttemptAt());
    }

    private void announceExhausted(ClaimedDelivery claim, int attempts) {
        WebhookDelivery delivery = claim.delivery();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", delivery.endpointId().value());
        data.put("batchId", delivery.id());
        data.put("webhookType", delivery.type().wire());
        data.put("attempts", attempts);
        data.put("eventIds", claim.events().stream().map(WebhookEvent::id).toList());
        publisher.publishExcept(
                delivery.mode(),
                delivery.participantId(),
                EventType.WEBHOOK_DELIVERY_EXHAUSTED,
                delivery.endpointId().value(),
                data,
                Optional.of(delivery.endpointId()));
    }

    private WebhookSender.Outgoing outgoing(ClaimedDelivery claim, WebhookEndpoint endpoint, Instant now) {
        WebhookDelivery delivery = claim.delivery();
        WebhookSecret current = with.cipher().open(endpoint.secrets().current());
        Optional<WebhookSecret> previous = endpoint.secrets().previousAt(now).map(with.cipher()::open);
        List<WebhookSecret> standard = new ArrayList<>();
        standard.add(current);
        previous.ifPresent(standard::add);
        String entityType = entityType(delivery.mode(), delivery.participantId());
        return new WebhookSender.Outgoing(
                delivery.id(),
                endpoint.url(),
                delivery.mode(),
                delivery.participantId().value(),
                entityType,
                delivery.type(),
                now,
                claim.events().stream().map(WebhookEvent::item).toList(),
                previous.orElse(current),
                standard,
                new WebhookSender.Format.Envelope());
    }

    /**
     * The envelope's {@code entityType}: the participant's role, which never changes once the participant exists, so
     * it is read once per participant rather than before every send.
     */
    private String entityType(Mode mode, ParticipantId participant) {
        String key = mode + " " + participant.value();
        String known = roles.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> role = stores.participants()
                .find(mode, participant)
                .map(Participant::role)
                .map(WireEnums::wireName);
        role.ifPresent(found -> {
            if (roles.size() >= ROLES_CACHED_MAX) {
                roles.clear();
            }
            roles.put(key, found);
        });
        return role.orElse("participant");
    }

    private double jitter() {
        byte[] bytes = with.random().bytes(4);
        long bits = ((bytes[0] & 0xffL) << 24)
                | ((bytes[1] & 0xffL) << 16)
                | ((bytes[2] & 0xffL) << 8)
                | (bytes[3] & 0xffL);
        return bits / (double) (1L << 32);
    }

    private static DeliveryAttempt attempt(
            WebhookDelivery delivery,
            int number,
            Instant started,
            WebhookSender.Result result,
            OptionalInt status,
            String error,
            DeliveryAttempt.Result outcome) {
        return new DeliveryAttempt(
                delivery.id(),
                number,
                started,
                status,
                result.latency(),
                error.isEmpty() ? Optional.empty() : Optional.of(error),
                outcome);
    }

    @Override
    public Replay replayOne(Mode mode, ParticipantId owner, String eventId, Target target, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<Replay> refused = checkTarget(mode, owner, target);
            if (refused.isPresent()) {
                return refused.get();
            }
            Optional<WebhookEvent> event = stores.eventOutbox().find(mode, owner, eventId);
            if (event.isEmpty()) {
                return new Replay.Rejected(Rejection.EVENT_NOT_FOUND);
            }
            return replay(mode, owner, List.of(event.get()), target, actor);
        });
    }

    @Override
    public Replay replayFailedSince(Mode mode, ParticipantId owner, Instant since, Target target, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<Replay> refused = checkTarget(mode, owner, target);
            if (refused.isPresent()) {
                return refused.get();
            }
            Optional<WebhookEndpointId> only =
                    target instanceof Target.Endpoint chosen ? Optional.of(chosen.id()) : Optional.empty();
            List<WebhookEvent> failed = stores.eventOutbox().failedSince(mode, owner, since, only, EVENTS_MAX);
            return replay(mode, owner, failed, target, actor);
        });
    }

    private Optional<Replay> checkTarget(Mode mode, ParticipantId owner, Target target) {
        return switch (target) {
            case Target.SubscribedNow now -> Optional.empty();
            case Target.Endpoint chosen -> {
                Optional<WebhookEndpoint> endpoint = stores.webhookEndpoints().find(mode, owner, chosen.id());
                if (endpoint.isEmpty()) {
                    yield Optional.of(new Replay.Rejected(Rejection.ENDPOINT_NOT_FOUND));
                }
                yield endpoint.get().status().receives()
                        ? Optional.empty()
                        : Optional.of(new Replay.Rejected(Rejection.ENDPOINT_DISABLED));
            }
        };
    }

    /** New deliveries, batched by endpoint and type in the events' order, at most a batch each. */
    private Replay replay(Mode mode, ParticipantId owner, List<WebhookEvent> events, Target target, Actor actor) {
        List<WebhookEndpoint> all = stores.webhookEndpoints().listFor(mode, owner);
        Map<String, List<WebhookEvent>> batches = new LinkedHashMap<>();
        Map<String, WebhookEndpointId> endpointOf = new LinkedHashMap<>();
        for (WebhookEvent event : events) {
            for (WebhookEndpoint endpoint : all) {
                boolean chosen = switch (target) {
                    case Target.SubscribedNow now -> endpoint.wants(event.type());
                    case Target.Endpoint one -> endpoint.id().equals(one.id());
                };
                if (chosen) {
                    String key = endpoint.id().value() + " " + event.type().wire();
                    batches.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
                    endpointOf.put(key, endpoint.id());
                }
            }
        }
        List<String> deliveryIds = new ArrayList<>();
        batches.forEach((key, batch) -> {
            for (int from = 0; from < batch.size(); from += WebhookDelivery.BATCH_SIZE_MAX) {
                List<WebhookEvent> chunk =
                        batch.subList(from, Math.min(batch.size(), from + WebhookDelivery.BATCH_SIZE_MAX));
                WebhookDelivery fresh = publisher.freshDelivery(chunk.get(0), endpointOf.get(key), chunk.size());
                stores.webhookDeliveries().enqueueAlone(fresh, chunk);
                deliveryIds.add(fresh.id());
            }
        });
        with.audit()
                .record(
                        mode,
                        actor,
                        owner,
                        AuditAction.WEBHOOK_EVENTS_REPLAYED,
                        Map.of(
                                "events",
                                Integer.toString(events.size()),
                                "deliveries",
                                Integer.toString(deliveryIds.size())));
        return new Replay.Queued(events.size(), deliveryIds);
    }

    /**
     * Queues one of a link's callback events again to the link's callback URL, alone in a new delivery.
     *
     * @return the new delivery's id; empty when the merchant has no such callback event for that link
     */
    public Optional<String> replayToLink(
            Mode mode, ParticipantId merchant, String linkId, String eventId, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<WebhookEvent> event = stores.eventOutbox()
                    .find(mode, merchant, eventId)
                    .filter(e -> e.type() == EventType.PAYMENT_LINK_CALLBACK
                            && e.objectId().equals(linkId));
            if (event.isEmpty()) {
                return Optional.<String>empty();
            }
            WebhookDelivery fresh = publisher.freshDelivery(event.get(), new WebhookEndpointId(linkId), 1);
            stores.webhookDeliveries().enqueueAlone(fresh, List.of(event.get()));
            with.audit()
                    .record(
                            mode,
                            actor,
                            merchant,
                            AuditAction.WEBHOOK_EVENTS_REPLAYED,
                            Map.of("events", "1", "deliveries", "1", "linkId", linkId));
            return Optional.of(fresh.id());
        });
    }

    @Override
    public SendTestEvent.TestSend sendTest(Mode mode, ParticipantId owner, WebhookEndpointId endpointId) {
        return stores.transactor().inTransaction(() -> {
            Optional<Replay> refused = checkTarget(mode, owner, new Target.Endpoint(endpointId));
            if (refused.isPresent() && refused.get() instanceof Replay.Rejected rejected) {
                return new SendTestEvent.TestSend.Rejected(rejected.reason());
            }
            WebhookEvent event = publisher.appendOnly(
                    mode,
                    owner,
                    EventType.WEBHOOK_TEST,
                    endpointId.value(),
                    Map.of("endpointId", endpointId.value(), "message", "A test event from Peere."));
            WebhookDelivery fresh = publisher.freshDelivery(event, endpointId, 1);
            stores.webhookDeliveries().enqueueAlone(fresh, List.of(event));
            return new SendTestEvent.TestSend.Queued(event, fresh.id());
        });
    }

    @Override
    public Optional<Page<DeliveryRecord>> list(
            Mode mode,
            ParticipantId owner,
            WebhookEndpointId endpoint,
            Optional<DeliveryStatus> status,
            PageRequest page) {
        if (stores.webhookEndpoints().find(mode, owner, endpoint).isEmpty()) {
            return Optional.empty();
        }
        Page<DeliveryRecord> result = stores.webhookDeliveries().list(mode, owner, endpoint, status, page);
        Invariants.check(
                result.items().stream()
                        .allMatch(r -> r.delivery().mode() == mode
                                && r.delivery().participantId().equals(owner)
                                && r.delivery().endpointId().equals(endpoint)),
                "a delivery store returned another endpoint's delivery");
        return Optional.of(result);
    }

    @Override
    public Purged purge(Duration retention, int limit) {
        Invariants.requireArgument(
                limit, limit >= 1 && limit <= PurgeWebhookHistory.BATCH_SIZE_MAX, "limit must be 1.." + BATCH_SIZE_MAX);
        Invariants.requireArgument(
                retention, !retention.isNegative() && !retention.isZero(), "the retention must be positive");
        Instant cutoff = with.clock().now().minus(retention);
        // Deliveries first: their items are what keeps an event referenced.
        int deliveries = stores.transactor()
                .inTransaction(() -> stores.webhookDeliveries().purgeFinishedBefore(cutoff, limit));
        int events =
                stores.transactor().inTransaction(() -> stores.eventOutbox().purgeUnreferencedBefore(cutoff, limit));
        return new Purged(deliveries, events);
    }
}
