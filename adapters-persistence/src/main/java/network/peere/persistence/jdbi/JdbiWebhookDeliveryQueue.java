package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.StringJoiner;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.domain.webhook.DeliveryAttempt;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookDelivery;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;
import network.peere.core.ports.out.WebhookDeliveryQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Deliveries in {@code webhook_deliveries} with their items and attempts. Workers claim with {@code SELECT … FOR
 * UPDATE SKIP LOCKED} (MariaDB 10.6+, MySQL 8, H2 2.x) and then hold a lease, so the HTTP call runs outside any
 * transaction; every later write is conditional on the lease token.
 */
final class JdbiWebhookDeliveryQueue implements WebhookDeliveryQueue {
    private static final String COLUMNS = "id, mode, participant_id, endpoint_id, event_type, status, attempts,"
            + " item_count, created_at, next_attempt_at, finished_at";

    private static final String INSERT = """
            INSERT INTO webhook_deliveries (%s)
            VALUES (:id, :mode, :participant_id, :endpoint_id, :event_type, :status, :attempts, :item_count,
                    :created_at, :next_attempt_at, :finished_at)""".formatted(COLUMNS);

    private static final String INSERT_ITEM =
            "INSERT INTO webhook_delivery_items (delivery_id, item_no, event_id) VALUES (:delivery_id, :item_no, :event_id)";

    /** A delivery still open to more events: never attempted, not leased, with room. */
    private static final String OPEN =
            "status = 'PENDING' AND attempts = 0 AND lease_token IS NULL AND item_count < :max";

    private static final String FIND_OPEN = """
            SELECT id FROM webhook_deliveries
             WHERE endpoint_id = :endpoint_id AND event_type = :event_type AND mode = :mode
               AND participant_id = :participant_id AND %s
             ORDER BY created_at DESC
             LIMIT 1""".formatted(OPEN);

    private static final String JOIN =
            "UPDATE webhook_deliveries SET item_count = item_count + 1 WHERE id = :id AND " + OPEN;

    private static final String ITEM_COUNT = "SELECT item_count FROM webhook_deliveries WHERE id = :id";

    /** The due rows themselves, locked, so the claim need not read them back after leasing them. */
    private static final String DUE = """
            SELECT %s FROM webhook_deliveries
             WHERE status = 'PENDING' AND next_attempt_at <= :now AND (leased_until IS NULL OR leased_until <= :now)
             ORDER BY next_attempt_at
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""".formatted(COLUMNS);

    private static final String LEASE = """
            UPDATE webhook_deliveries SET lease_token = :token, leased_until = :until
             WHERE id IN (<ids>) AND status = 'PENDING' AND (leased_until IS NULL OR leased_until <= :now)""";

    private static final String LEASED =
            "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id IN (<ids>) AND lease_token = :token";

    private static final String ITEMS = """
            SELECT i.delivery_id, %s
              FROM webhook_delivery_items i
              JOIN webhook_events e ON e.id = i.event_id
             WHERE i.delivery_id IN (<ids>)
             ORDER BY i.delivery_id, i.item_no""".formatted(JdbiEventOutbox.COLUMNS);

    private static final String RECORD = """
            UPDATE webhook_deliveries
               SET status = :status, attempts = :attempt_no, next_attempt_at = :next_attempt_at,
                   finished_at = :finished_at, lease_token = NULL, leased_until = NULL
             WHERE id = :id AND lease_token = :token AND attempts = :attempt_no - 1""";

    /**
     * The next power of two, at most {@link #RECORD_BATCH_MAX}: a handful of statement texts for every batch size, so
     * JDBI's parser (whose cache is keyed by the text) parses each once, not once per size.
     */
    private static int recordSlots(int rows) {
        return Math.min(RECORD_BATCH_MAX, rows <= 1 ? 1 : Integer.highestOneBit(rows - 1) << 1);
    }

    /**
     * The next state of each of a batch's {@code rows} deliveries in one statement: their rows are locked and their
     * leases and attempt counts checked ({@link #HELD}), so each takes its attempt's number. A batch of single-row
     * updates would cost Connector/J a multi-statement toggle before and after it, two more round trips.
     */
    private static String recordAll(int rows) {
        var ids = new StringJoiner(", ");
        for (int i = 0; i < rows; i++) {
            ids.add(":id_" + i);
        }
        return """
                UPDATE webhook_deliveries
                   SET status = CASE id%s END, attempts = attempts + 1, next_attempt_at = CASE id%s END,
                       finished_at = CASE id%s END, lease_token = NULL, leased_until = NULL
                 WHERE id IN (%s)""".formatted(byId("status", rows), byId("next_attempt_at", rows), byId("finished_at", rows), ids);
    }

    /** {@code WHEN :id_0 THEN :column_0 WHEN :id_1 THEN :column_1 …}: each row's own value of {@code column}. */
    private static String byId(String column, int rows) {
        var cases = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            cases.append(" WHEN :id_")
                    .append(i)
                    .append(" THEN :")
                    .append(column)
                    .append('_')
                    .append(i);
        }
        return cases.toString();
    }

    /** Locks the batch's rows, so each conditional update below either finds its lease or was told it lost it. */
    private static final String HELD = """
            SELECT id, lease_token, attempts FROM webhook_deliveries
             WHERE id IN (<ids>)
             ORDER BY id
               FOR UPDATE""";

    private static final String INSERT_ATTEMPT = """
            INSERT INTO webhook_attempts (delivery_id, attempt_no, started_at, status_code, latency_ms, error, outcome)
            VALUES (:delivery_id, :attempt_no, :started_at, :status_code, :latency_ms, :error, :outcome)""";

    private static final String LIST_WHERE =
            "mode = :mode AND participant_id = :participant_id AND endpoint_id = :endpoint_id <status>";

    private static final String LIST = "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE " + LIST_WHERE
            + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset";

    private static final String COUNT = "SELECT COUNT(*) FROM webhook_deliveries WHERE " + LIST_WHERE;

    private static final String EVENT_IDS = """
            SELECT delivery_id, event_id FROM webhook_delivery_items
             WHERE delivery_id IN (<ids>) ORDER BY delivery_id, item_no""";

    private static final String ATTEMPTS = """
            SELECT delivery_id, attempt_no, started_at, status_code, latency_ms, error, outcome
              FROM webhook_attempts WHERE delivery_id IN (<ids>) ORDER BY delivery_id, attempt_no""";

    /**
     * Finished deliveries of one status, oldest first, through {@code (status, next_attempt_at)}: recording a finished
     * delivery sets its {@code next_attempt_at} to when it finished, so no index of its own is needed. {@code
     * finished_at} is checked too, so no row goes before its time whatever the two columns say.
     */
    private static final String FINISHED = """
            SELECT id, next_attempt_at FROM webhook_deliveries
             WHERE status = :status AND next_attempt_at < :cutoff AND finished_at < :cutoff
             ORDER BY next_attempt_at
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    private static final List<String> FINISHED_STATUSES =
            List.of(DeliveryStatus.DELIVERED.name(), DeliveryStatus.FAILED.name());

    private static final String PURGE_ATTEMPTS = "DELETE FROM webhook_attempts WHERE delivery_id IN (<ids>)";

    private static final String PURGE_ITEMS = "DELETE FROM webhook_delivery_items WHERE delivery_id IN (<ids>)";

    private static final String PURGE = """
            DELETE FROM webhook_deliveries
             WHERE id IN (<ids>) AND finished_at < :cutoff AND status IN ('DELIVERED', 'FAILED')""";

    private final JdbiTransactor transactor;

    JdbiWebhookDeliveryQueue(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public String enqueue(WebhookEvent event, WebhookDelivery fresh) {
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            Optional<String> open = handle.createQuery(FIND_OPEN)
                    .bind("endpoint_id", fresh.endpointId().value())
                    .bind("event_type", event.type().wire())
                    .bind("mode", event.mode().name())
                    .bind("participant_id", event.participantId().value())
                    .bind("max", WebhookDelivery.BATCH_SIZE_MAX)
                    .mapTo(String.class)
                    .findOne();
            // The conditional update re-checks "still open" under the row lock: a worker may have leased it since.
            if (open.isPresent()
                    && handle.createUpdate(JOIN)
                                    .bind("id", open.get())
                                    .bind("max", WebhookDelivery.BATCH_SIZE_MAX)
                                    .execute()
                            == 1) {
                int itemNo = handle.createQuery(ITEM_COUNT)
                        .bind("id", open.get())
                        .mapTo(Integer.class)
                        .one();
                insertItem(handle, open.get(), itemNo, event.id());
                return open.get();
            }
            insert(handle, fresh, List.of(event));
            return fresh.id();
        }));
    }

    @Override
    public void enqueueAlone(WebhookDelivery fresh, List<WebhookEvent> events) {
        transactor.useTransaction(() -> transactor.withHandle(handle -> {
            insert(handle, fresh, events);
            return null;
        }));
    }

    private static void insert(Handle handle, WebhookDelivery fresh, List<WebhookEvent> events) {
        if (fresh.itemCount() != events.size()) {
            throw new IllegalArgumentException("a delivery's item count is its number of events");
        }
        handle.createUpdate(INSERT)
                .bind("id", fresh.id())
                .bind("mode", fresh.mode().name())
                .bind("participant_id", fresh.participantId().value())
                .bind("endpoint_id", fresh.endpointId().value())
                .bind("event_type", fresh.type().wire())
                .bind("status", fresh.status().name())
                .bind("attempts", fresh.attempts())
                .bind("item_count", fresh.itemCount())
                .bind("created_at", UtcColumns.toColumn(fresh.createdAt()))
                .bind("next_attempt_at", UtcColumns.toColumn(fresh.nextAttemptAt()))
                .bind(
                        "finished_at",
                        fresh.finishedAt().map(UtcColumns::toColumn).orElse(null))
                .execute();
        for (int i = 0; i < events.size(); i++) {
            insertItem(handle, fresh.id(), i + 1, events.get(i).id());
        }
    }

    private static void insertItem(Handle handle, String deliveryId, int itemNo, String eventId) {
        handle.createUpdate(INSERT_ITEM)
                .bind("delivery_id", deliveryId)
                .bind("item_no", itemNo)
                .bind("event_id", eventId)
                .execute();
    }

    @Override
    public List<ClaimedDelivery> claimDue(Instant now, Duration lease, String leaseToken, int limit) {
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            String at = UtcColumns.toColumn(now);
            List<WebhookDelivery> due = handle.createQuery(DUE)
                    .bind("now", at)
                    .bind("limit", limit)
                    .map(JdbiWebhookDeliveryQueue::delivery)
                    .list();
            if (due.isEmpty()) {
                return List.<ClaimedDelivery>of();
            }
            List<String> dueIds =
                    SqlLists.padded(due.stream().map(WebhookDelivery::id).toList());
            int leasedRows = handle.createUpdate(LEASE)
                    .bindList("ids", dueIds)
                    .bind("token", leaseToken)
                    .bind("until", UtcColumns.toColumn(now.plus(lease)))
                    .bind("now", at)
                    .execute();
            // The rows are locked since the select and matched its conditions, so the lease takes every one of them;
            // should it not, only what the token now marks is claimed.
            List<WebhookDelivery> leased = leasedRows == due.size()
                    ? due
                    : handle.createQuery(LEASED)
                            .bindList("ids", dueIds)
                            .bind("token", leaseToken)
                            .map(JdbiWebhookDeliveryQueue::delivery)
                            .list();
            if (leased.isEmpty()) {
                return List.<ClaimedDelivery>of();
            }
            Map<String, List<WebhookEvent>> items = new LinkedHashMap<>();
            handle.createQuery(ITEMS)
                    .bindList(
                            "ids",
                            SqlLists.padded(
                                    leased.stream().map(WebhookDelivery::id).toList()))
                    .map((row, context) -> Map.entry(row.getString("delivery_id"), JdbiEventOutbox.event(row, context)))
                    .forEach(entry -> items.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                            .add(entry.getValue()));
            return leased.stream()
                    .map(d -> new ClaimedDelivery(d, leaseToken, items.getOrDefault(d.id(), List.of())))
                    .toList();
        }));
    }

    @Override
    public boolean recordAttempt(
            ClaimedDelivery claim, DeliveryAttempt attempt, DeliveryStatus next, Instant nextAttemptAt) {
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            int rows = handle.createUpdate(RECORD)
                    .bind("status", next.name())
                    .bind("attempt_no", attempt.number())
                    .bind("next_attempt_at", UtcColumns.toColumn(nextAttemptAt))
                    .bind("finished_at", next == DeliveryStatus.PENDING ? null : UtcColumns.toColumn(nextAttemptAt))
                    .bind("id", claim.delivery().id())
                    .bind("token", claim.leaseToken())
                    .execute();
            if (rows != 1) {
                return false;
            }
            bindAttempt(handle.createUpdate(INSERT_ATTEMPT), attempt).execute();
            return true;
        }));
    }

    @Override
    public Set<String> recordAttempts(List<AttemptRecord> records) {
        if (records.size() > RECORD_BATCH_MAX) {
            throw new IllegalArgumentException("at most " + RECORD_BATCH_MAX + " attempts at once");
        }
        if (records.isEmpty()) {
            return Set.of();
        }
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            // Locked in id order (as every batch is), so two recorders never wait on each other in a cycle.
            Map<String, AttemptRecord> byId = new LinkedHashMap<>();
            for (AttemptRecord record : records) {
                if (byId.put(record.claim().delivery().id(), record) != null) {
                    throw new IllegalArgumentException("one attempt per delivery in a batch");
                }
            }
            Set<String> held = new HashSet<>();
            handle.createQuery(HELD)
                    .bindList("ids", SqlLists.padded(List.copyOf(byId.keySet())))
                    .map((row, context) ->
                            new Lease(row.getString("id"), row.getString("lease_token"), row.getInt("attempts")))
                    .forEach(lease -> {
                        if (lease.heldFor(byId.get(lease.deliveryId()))) {
                            held.add(lease.deliveryId());
                        }
                    });
            if (held.isEmpty()) {
                return Set.<String>of();
            }
            List<AttemptRecord> recorded = byId.values().stream()
                    .filter(r -> held.contains(r.claim().delivery().id()))
                    .toList();
            int slots = recordSlots(recorded.size());
            var update = handle.createUpdate(recordAll(slots));
            for (int i = 0; i < slots; i++) {
                // Slots past the batch repeat its last row: the same row set to the same values, counted once.
                AttemptRecord record = recorded.get(Math.min(i, recorded.size() - 1));
                update.bind("id_" + i, record.claim().delivery().id())
                        .bind("status_" + i, record.next().name())
                        .bind("next_attempt_at_" + i, UtcColumns.toColumn(record.nextAttemptAt()))
                        .bind(
                                "finished_at_" + i,
                                record.next() == DeliveryStatus.PENDING
                                        ? null
                                        : UtcColumns.toColumn(record.nextAttemptAt()));
            }
            PreparedBatch inserts = handle.prepareBatch(INSERT_ATTEMPT);
            recorded.forEach(record -> bindAttempt(inserts, record.attempt()).add());
            // The rows are locked and were checked above, so each takes its attempt.
            if (update.execute() != recorded.size()) {
                throw new IllegalStateException("a locked, leased delivery did not take its attempt");
            }
            inserts.execute();
            return Set.copyOf(held);
        }));
    }

    private static <T extends SqlStatement<T>> T bindAttempt(T statement, DeliveryAttempt attempt) {
        return statement
                .bind("delivery_id", attempt.deliveryId())
                .bind("attempt_no", attempt.number())
                .bind("started_at", UtcColumns.toColumn(attempt.startedAt()))
                .bind(
                        "status_code",
                        attempt.statusCode().isPresent() ? attempt.statusCode().getAsInt() : null)
                .bind("latency_ms", attempt.latency().toMillis())
                .bind("error", attempt.error().orElse(null))
                .bind("outcome", attempt.result().name());
    }

    @Override
    public Page<DeliveryRecord> list(
            Mode mode,
            ParticipantId owner,
            WebhookEndpointId endpoint,
            Optional<DeliveryStatus> status,
            PageRequest page) {
        return transactor.withHandle(handle -> {
            String statusFilter = status.isPresent() ? "AND status = :status" : "";
            var query = handle.createQuery(LIST)
                    .define("status", statusFilter)
                    .bind("mode", mode.name())
                    .bind("participant_id", owner.value())
                    .bind("endpoint_id", endpoint.value())
                    .bind("limit", page.limit())
                    .bind("offset", page.offset());
            var count = handle.createQuery(COUNT)
                    .define("status", statusFilter)
                    .bind("mode", mode.name())
                    .bind("participant_id", owner.value())
                    .bind("endpoint_id", endpoint.value());
            status.ifPresent(s -> {
                query.bind("status", s.name());
                count.bind("status", s.name());
            });
            List<WebhookDelivery> deliveries =
                    query.map(JdbiWebhookDeliveryQueue::delivery).list();
            long total = count.mapTo(Long.class).one();
            if (deliveries.isEmpty()) {
                return new Page<>(List.of(), total);
            }
            List<String> ids = deliveries.stream().map(WebhookDelivery::id).toList();
            Map<String, List<String>> eventIds = new LinkedHashMap<>();
            handle.createQuery(EVENT_IDS)
                    .bindList("ids", ids)
                    .map((row, context) -> Map.entry(row.getString("delivery_id"), row.getString("event_id")))
                    .forEach(e -> eventIds.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue()));
            Map<String, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();
            handle.createQuery(ATTEMPTS)
                    .bindList("ids", ids)
                    .map(JdbiWebhookDeliveryQueue::attempt)
                    .forEach(a -> attempts.computeIfAbsent(a.deliveryId(), k -> new ArrayList<>())
                            .add(a));
            return new Page<>(
                    deliveries.stream()
                            .map(d -> new DeliveryRecord(
                                    d,
                                    eventIds.getOrDefault(d.id(), List.of()),
                                    attempts.getOrDefault(d.id(), List.of())))
                            .toList(),
                    total);
        });
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff, int limit) {
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            String at = UtcColumns.toColumn(cutoff);
            // SKIP LOCKED: several purgers split the work instead of queueing on each other's rows. Finished rows are
            // never written by workers again, so nothing else holds these locks for long.
            // The oldest of each status, then the oldest of both: neither status waits behind the other.
            List<Map.Entry<Instant, String>> oldest = new ArrayList<>();
            for (String status : FINISHED_STATUSES) {
                oldest.addAll(handle.createQuery(FINISHED)
                        .bind("status", status)
                        .bind("cutoff", at)
                        .bind("limit", limit)
                        .map((row, context) ->
                                Map.entry(UtcColumns.instant(row, "next_attempt_at"), row.getString("id")))
                        .list());
            }
            List<String> ids = oldest.stream()
                    .sorted(Map.Entry.comparingByKey())
                    .limit(limit)
                    .map(Map.Entry::getValue)
                    .toList();
            if (ids.isEmpty()) {
                return 0;
            }
            handle.createUpdate(PURGE_ATTEMPTS).bindList("ids", ids).execute();
            handle.createUpdate(PURGE_ITEMS).bindList("ids", ids).execute();
            return handle.createUpdate(PURGE)
                    .bindList("ids", ids)
                    .bind("cutoff", at)
                    .execute();
        }));
    }

    /** A delivery's lease as its locked row has it. */
    private record Lease(String deliveryId, String token, int attempts) {
        boolean heldFor(AttemptRecord record) {
            return record.claim().leaseToken().equals(token)
                    && attempts == record.attempt().number() - 1;
        }
    }

    private static WebhookDelivery delivery(ResultSet row, StatementContext context) throws SQLException {
        return new WebhookDelivery(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                new ParticipantId(row.getString("participant_id")),
                new WebhookEndpointId(row.getString("endpoint_id")),
                EventType.fromWire(row.getString("event_type"))
                        .orElseThrow(() -> new IllegalStateException("unknown event type in the database")),
                DeliveryStatus.valueOf(row.getString("status")),
                row.getInt("attempts"),
                row.getInt("item_count"),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "next_attempt_at"),
                UtcColumns.optionalInstant(row, "finished_at"));
    }

    private static DeliveryAttempt attempt(ResultSet row, StatementContext context) throws SQLException {
        int status = row.getInt("status_code");
        OptionalInt statusCode = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
        return new DeliveryAttempt(
                row.getString("delivery_id"),
                row.getInt("attempt_no"),
                UtcColumns.instant(row, "started_at"),
                statusCode,
                Duration.ofMillis(row.getLong("latency_ms")),
                Optional.ofNullable(row.getString("error")),
                DeliveryAttempt.Result.valueOf(row.getString("outcome")));
    }
}
