package network.peere.persistence.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.domain.webhook.DeliveryAttempt;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.WebhookDelivery;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;
import network.peere.core.ports.out.EventOutbox;
import network.peere.core.ports.out.WebhookDeliveryQueue;

/**
 * The outbox and the delivery queue in maps, behaving as the {@code webhook_*} tables do. The transactor's one lock
 * serialises claims, so "skip locked" needs nothing more here; leases still decide who may record an attempt.
 */
final class InMemoryWebhookOutbox implements EventOutbox, WebhookDeliveryQueue {
    private static final Comparator<WebhookDelivery> NEWEST_FIRST = Comparator.comparing(WebhookDelivery::createdAt)
            .thenComparing(WebhookDelivery::id)
            .reversed();

    /** A delivery row and what the table keeps beside it; replaced whole on change, so undo is a put. */
    private record Row(
            WebhookDelivery delivery,
            List<String> eventIds,
            Optional<String> leaseToken,
            Optional<Instant> leasedUntil) {}

    private final InMemoryTransactor transactor;

    /** All guarded by the transactor. */
    private final Map<String, Long> sequences = new HashMap<>();

    private final Map<String, WebhookEvent> events = new LinkedHashMap<>();
    private final Map<String, Row> deliveries = new LinkedHashMap<>();
    private final Map<String, List<DeliveryAttempt>> attempts = new HashMap<>();

    InMemoryWebhookOutbox(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public long nextSequence(Mode mode, String objectId) {
        return transactor.inTransaction(() -> {
            String key = mode.name() + " " + objectId;
            Long before = sequences.get(key);
            long next = before == null ? 1 : before + 1;
            sequences.put(key, next);
            transactor.onRollback(() -> {
                if (before == null) {
                    sequences.remove(key);
                } else {
                    sequences.put(key, before);
                }
            });
            return next;
        });
    }

    @Override
    public long firstSequence(Mode mode, String objectId) {
        return transactor.inTransaction(() -> {
            String key = mode.name() + " " + objectId;
            if (sequences.putIfAbsent(key, 1L) != null) {
                throw new IllegalStateException("events about " + objectId + " were counted already");
            }
            transactor.onRollback(() -> sequences.remove(key));
            return 1L;
        });
    }

    @Override
    public List<Long> nextSequences(Mode mode, List<String> objectIds) {
        return transactor.inTransaction(() ->
                objectIds.stream().map(objectId -> nextSequence(mode, objectId)).toList());
    }

    @Override
    public void appendAll(List<WebhookEvent> events) {
        transactor.useTransaction(() -> events.forEach(this::append));
    }

    @Override
    public void append(WebhookEvent event) {
        var row = new WebhookEvent(
                event.id(),
                event.mode(),
                event.participantId(),
                event.type(),
                event.objectId(),
                event.sequence(),
                event.item(),
                Micros.truncate(event.createdAt()));
        transactor.useTransaction(() -> {
            if (events.containsKey(row.id())) {
                throw new IllegalStateException("duplicate event id " + row.id());
            }
            events.put(row.id(), row);
            transactor.onRollback(() -> events.remove(row.id()));
        });
    }

    @Override
    public Optional<WebhookEvent> find(Mode mode, ParticipantId owner, String eventId) {
        return transactor.inTransaction(() -> Optional.ofNullable(events.get(eventId))
                .filter(e -> e.mode() == mode && e.participantId().equals(owner)));
    }

    @Override
    public List<WebhookEvent> failedSince(
            Mode mode, ParticipantId owner, Instant since, Optional<WebhookEndpointId> endpoint, int limit) {
        return transactor.inTransaction(() -> {
            Set<String> ids = new LinkedHashSet<>();
            for (Row row : deliveries.values()) {
                WebhookDelivery d = row.delivery();
                if (d.mode() == mode
                        && d.participantId().equals(owner)
                        && d.status() == DeliveryStatus.FAILED
                        && d.finishedAt().filter(at -> !at.isBefore(since)).isPresent()
                        && endpoint.map(d.endpointId()::equals).orElse(true)) {
                    ids.addAll(row.eventIds());
                }
            }
            return ids.stream()
                    .map(events::get)
                    .sorted(Comparator.comparing(WebhookEvent::createdAt).thenComparing(WebhookEvent::id))
                    .limit(limit)
                    .toList();
        });
    }

    @Override
    public String enqueue(WebhookEvent event, WebhookDelivery fresh) {
        return transactor.inTransaction(() -> {
            Optional<Row> open = deliveries.values().stream()
                    .filter(r -> r.delivery().endpointId().equals(fresh.endpointId())
                            && r.delivery().type() == event.type()
                            && r.delivery().mode() == event.mode()
                            && r.delivery().participantId().equals(event.participantId())
                            && r.delivery().status() == DeliveryStatus.PENDING
                            && r.delivery().attempts() == 0
                            && r.leaseToken().isEmpty()
                            && r.delivery().itemCount() < WebhookDelivery.BATCH_SIZE_MAX)
                    .max(Comparator.comparing(r -> r.delivery().createdAt()));
            if (open.isPresent()) {
                WebhookDelivery d = open.get().delivery();
                List<String> ids = new ArrayList<>(open.get().eventIds());
                ids.add(event.id());
                put(new Row(
                        with(d, d.status(), d.attempts(), d.itemCount() + 1, d.nextAttemptAt(), d.finishedAt()),
                        ids,
                        Optional.empty(),
                        Optional.empty()));
                return d.id();
            }
            insert(fresh, List.of(event));
            return fresh.id();
        });
    }

    @Override
    public void enqueueAlone(WebhookDelivery fresh, List<WebhookEvent> batch) {
        transactor.useTransaction(() -> insert(fresh, batch));
    }

    private void insert(WebhookDelivery fresh, List<WebhookEvent> batch) {
        if (fresh.itemCount() != batch.size()) {
            throw new IllegalArgumentException("a delivery's item count is its number of events");
        }
        if (deliveries.containsKey(fresh.id())) {
            throw new IllegalStateException("duplicate delivery id " + fresh.id());
        }
        WebhookDelivery row = with(
                fresh, fresh.status(), fresh.attempts(), fresh.itemCount(), fresh.nextAttemptAt(), fresh.finishedAt());
        put(new Row(row, batch.stream().map(WebhookEvent::id).toList(), Optional.empty(), Optional.empty()));
    }

    @Override
    public List<ClaimedDelivery> claimDue(Instant now, Duration lease, String leaseToken, int limit) {
        return transactor.inTransaction(() -> {
            List<Row> due = deliveries.values().stream()
                    .filter(r -> r.delivery().status() == DeliveryStatus.PENDING
                            && !r.delivery().nextAttemptAt().isAfter(now)
                            && r.leasedUntil().map(until -> !until.isAfter(now)).orElse(true))
                    .sorted(Comparator.comparing(r -> r.delivery().nextAttemptAt()))
                    .limit(limit)
                    .toList();
            List<ClaimedDelivery> claimed = new ArrayList<>();
            for (Row row : due) {
                put(new Row(
                        row.delivery(),
                        row.eventIds(),
                        Optional.of(leaseToken),
                        Optional.of(Micros.truncate(now.plus(lease)))));
                claimed.add(new ClaimedDelivery(
                        row.delivery(),
                        leaseToken,
                        row.eventIds().stream().map(events::get).toList()));
            }
            return claimed;
        });
    }

    @Override
    public boolean recordAttempt(
            ClaimedDelivery claim, DeliveryAttempt attempt, DeliveryStatus next, Instant nextAttemptAt) {
        return transactor.inTransaction(() -> {
            Row row = deliveries.get(claim.delivery().id());
            if (row == null
                    || !row.leaseToken().equals(Optional.of(claim.leaseToken()))
                    || row.delivery().attempts() != attempt.number() - 1) {
                return false;
            }
            WebhookDelivery d = row.delivery();
            Optional<Instant> finished = next == DeliveryStatus.PENDING ? Optional.empty() : Optional.of(nextAttemptAt);
            put(new Row(
                    with(d, next, attempt.number(), d.itemCount(), nextAttemptAt, finished),
                    row.eventIds(),
                    Optional.empty(),
                    Optional.empty()));
            var stored = new DeliveryAttempt(
                    attempt.deliveryId(),
                    attempt.number(),
                    Micros.truncate(attempt.startedAt()),
                    attempt.statusCode(),
                    Duration.ofMillis(attempt.latency().toMillis()),
                    attempt.error(),
                    attempt.result());
            List<DeliveryAttempt> before = attempts.getOrDefault(d.id(), List.of());
            List<DeliveryAttempt> after = new ArrayList<>(before);
            after.add(stored);
            attempts.put(d.id(), List.copyOf(after));
            transactor.onRollback(() -> attempts.put(d.id(), before));
            return true;
        });
    }

    @Override
    public Set<String> recordAttempts(List<AttemptRecord> records) {
        if (records.size() > RECORD_BATCH_MAX) {
            throw new IllegalArgumentException("at most " + RECORD_BATCH_MAX + " attempts at once");
        }
        if (records.stream().map(r -> r.claim().delivery().id()).distinct().count() != records.size()) {
            throw new IllegalArgumentException("one attempt per delivery in a batch");
        }
        return transactor.inTransaction(() -> {
            Set<String> recorded = new HashSet<>();
            for (AttemptRecord record : records) {
                if (recordAttempt(record.claim(), record.attempt(), record.next(), record.nextAttemptAt())) {
                    recorded.add(record.claim().delivery().id());
                }
            }
            return Set.copyOf(recorded);
        });
    }

    @Override
    public Page<DeliveryRecord> list(
            Mode mode,
            ParticipantId owner,
            WebhookEndpointId endpoint,
            Optional<DeliveryStatus> status,
            PageRequest page) {
        return transactor.inTransaction(() -> {
            List<Row> matching = deliveries.values().stream()
                    .filter(r -> r.delivery().mode() == mode
                            && r.delivery().participantId().equals(owner)
                            && r.delivery().endpointId().equals(endpoint)
                            && status.map(s -> s == r.delivery().status()).orElse(true))
                    .sorted(Comparator.comparing(Row::delivery, NEWEST_FIRST))
                    .toList();
            return new Page<>(
                    matching.stream()
                            .skip(page.offset())
                            .limit(page.limit())
                            .map(r -> new DeliveryRecord(
                                    r.delivery(),
                                    r.eventIds(),
                                    attempts.getOrDefault(r.delivery().id(), List.of())))
                            .toList(),
                    matching.size());
        });
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff, int limit) {
        return transactor.inTransaction(() -> {
            List<Row> finished = deliveries.values().stream()
                    .filter(row -> row.delivery().status() != DeliveryStatus.PENDING
                            && row.delivery()
                                    .finishedAt()
                                    .filter(at -> at.isBefore(cutoff))
                                    .isPresent())
                    .sorted(Comparator.comparing(
                            row -> row.delivery().finishedAt().orElseThrow()))
                    .limit(limit)
                    .toList();
            for (Row row : finished) {
                String id = row.delivery().id();
                deliveries.remove(id);
                List<DeliveryAttempt> made = attempts.remove(id);
                transactor.onRollback(() -> {
                    deliveries.put(id, row);
                    if (made != null) {
                        attempts.put(id, made);
                    }
                });
            }
            return finished.size();
        });
    }

    @Override
    public int purgeUnreferencedBefore(Instant cutoff, int limit) {
        return transactor.inTransaction(() -> {
            Set<String> referenced = new HashSet<>();
            deliveries.values().forEach(row -> referenced.addAll(row.eventIds()));
            List<WebhookEvent> unreferenced = events.values().stream()
                    .filter(e -> e.createdAt().isBefore(cutoff) && !referenced.contains(e.id()))
                    .sorted(Comparator.comparing(WebhookEvent::createdAt).thenComparing(WebhookEvent::id))
                    .limit(limit)
                    .toList();
            for (WebhookEvent event : unreferenced) {
                events.remove(event.id());
                transactor.onRollback(() -> events.put(event.id(), event));
            }
            return unreferenced.size();
        });
    }

    private void put(Row row) {
        Row before = deliveries.put(row.delivery().id(), row);
        transactor.onRollback(() -> {
            if (before == null) {
                deliveries.remove(row.delivery().id());
            } else {
                deliveries.put(before.delivery().id(), before);
            }
        });
    }

    private static WebhookDelivery with(
            WebhookDelivery d,
            DeliveryStatus status,
            int attemptCount,
            int itemCount,
            Instant nextAttemptAt,
            Optional<Instant> finishedAt) {
        return new WebhookDelivery(
                d.id(),
                d.mode(),
                d.participantId(),
                d.endpointId(),
                d.type(),
                status,
                attemptCount,
                itemCount,
                Micros.truncate(d.createdAt()),
                Micros.truncate(nextAttemptAt),
                finishedAt.map(Micros::truncate));
    }
}
