package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;
import network.peere.core.ports.out.EventOutbox;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** The outbox in {@code webhook_events}, and the per-object sequence counters in {@code webhook_sequences}. */
final class JdbiEventOutbox implements EventOutbox {
    static final String COLUMNS =
            "e.id, e.mode, e.participant_id, e.event_type, e.object_id, e.sequence_no, e.item," + " e.created_at";

    /** The counter of an object with no events yet; a taken key fails it (and the transaction it is part of). */
    private static final String START =
            "INSERT INTO webhook_sequences (mode, object_id, last_sequence) VALUES (:mode, :object_id, 1)";

    /** Takes the counter's row lock until the transaction ends: the increment is atomic, never read-then-write. */
    private static final String INCREMENT = START + "\nON DUPLICATE KEY UPDATE last_sequence = last_sequence + 1";

    /**
     * MySQL and MariaDB: the same increment, whose new value comes back in the statement's own answer (the server's
     * last-insert id, set by {@code LAST_INSERT_ID(expr)} on both the insert and the update path): one round trip.
     */
    private static final String INCREMENT_RETURNING = """
            INSERT INTO webhook_sequences (mode, object_id, last_sequence) VALUES (:mode, :object_id, LAST_INSERT_ID(1))
            ON DUPLICATE KEY UPDATE last_sequence = LAST_INSERT_ID(last_sequence + 1)""";

    private static final String CURRENT =
            "SELECT last_sequence FROM webhook_sequences WHERE mode = :mode AND object_id = :object_id";

    private static final String CURRENT_ALL = """
            SELECT object_id, last_sequence FROM webhook_sequences
             WHERE mode = :mode AND object_id IN (<object_ids>)""";

    private static final String INSERT = """
            INSERT INTO webhook_events (id, mode, participant_id, event_type, object_id, sequence_no, item, created_at)
            VALUES (:id, :mode, :participant_id, :event_type, :object_id, :sequence_no, :item, :created_at)""";

    private static final String FIND = "SELECT " + COLUMNS
            + " FROM webhook_events e WHERE e.id = :id AND e.mode = :mode AND e.participant_id = :participant_id";

    private static final String FAILED_SINCE = """
            SELECT %s
              FROM webhook_events e
             WHERE e.mode = :mode AND e.participant_id = :participant_id
               AND e.id IN (SELECT i.event_id
                              FROM webhook_delivery_items i
                              JOIN webhook_deliveries d ON d.id = i.delivery_id
                             WHERE d.mode = :mode AND d.participant_id = :participant_id AND d.status = 'FAILED'
                               AND d.next_attempt_at >= :since AND d.finished_at >= :since <endpoint>)
             ORDER BY e.created_at, e.id
             LIMIT :limit""".formatted(COLUMNS);

    private static final String UNREFERENCED = """
            created_at < :cutoff
            AND NOT EXISTS (SELECT 1 FROM webhook_delivery_items i WHERE i.event_id = webhook_events.id)""";

    private static final String PURGEABLE =
            "SELECT id FROM webhook_events WHERE " + UNREFERENCED + " ORDER BY created_at, id LIMIT :limit";

    /** Re-checks "unreferenced" under the row locks: a replay may have just added a delivery of the event. */
    private static final String PURGE = "DELETE FROM webhook_events WHERE id IN (<ids>) AND " + UNREFERENCED;

    private final JdbiTransactor transactor;

    JdbiEventOutbox(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public long nextSequence(Mode mode, String objectId) {
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            if (transactor.isMySqlFamily(handle)) {
                return handle.createUpdate(INCREMENT_RETURNING)
                        .bind("mode", mode.name())
                        .bind("object_id", objectId)
                        .executeAndReturnGeneratedKeys()
                        .mapTo(Long.class)
                        .first();
            }
            handle.createUpdate(INCREMENT)
                    .bind("mode", mode.name())
                    .bind("object_id", objectId)
                    .execute();
            return handle.createQuery(CURRENT)
                    .bind("mode", mode.name())
                    .bind("object_id", objectId)
                    .mapTo(Long.class)
                    .one();
        }));
    }

    @Override
    public long firstSequence(Mode mode, String objectId) {
        transactor.defer(
                "the event count of " + objectId,
                START,
                insert -> insert.bind("mode", mode.name()).bind("object_id", objectId),
                1);
        return 1;
    }

    /**
     * One increment per occurrence, sent as one batch (the driver rewrites it into one multi-row statement, whose rows
     * apply in order, so a repeated id counts up), then the counters read back under the locks the increments took:
     * each id's last number, from which its occurrences count back.
     */
    @Override
    public List<Long> nextSequences(Mode mode, List<String> objectIds) {
        if (objectIds.isEmpty()) {
            return List.of();
        }
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            PreparedBatch increments = handle.prepareBatch(INCREMENT);
            for (String objectId : objectIds) {
                increments.bind("mode", mode.name()).bind("object_id", objectId).add();
            }
            increments.execute();
            Map<String, Long> last = new HashMap<>();
            handle.createQuery(CURRENT_ALL)
                    .bind("mode", mode.name())
                    .bindList(
                            "object_ids",
                            SqlLists.padded(
                                    objectIds.stream().distinct().sorted().toList()))
                    .map((row, context) -> Map.entry(row.getString("object_id"), row.getLong("last_sequence")))
                    .forEach(entry -> last.put(entry.getKey(), entry.getValue()));
            Map<String, Long> remaining = new HashMap<>();
            objectIds.forEach(id -> remaining.merge(id, 1L, Long::sum));
            List<Long> numbers = new ArrayList<>(objectIds.size());
            for (String objectId : objectIds) {
                long left = remaining.merge(objectId, -1L, Long::sum);
                numbers.add(last.get(objectId) - left);
            }
            return List.copyOf(numbers);
        }));
    }

    @Override
    public void append(WebhookEvent event) {
        transactor.defer("the event " + event.id(), INSERT, insert -> bind(insert, event), 1);
    }

    @Override
    public void appendAll(List<WebhookEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        transactor.withHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(INSERT);
            for (WebhookEvent event : events) {
                bind(batch, event).add();
            }
            return batch.execute();
        });
    }

    private static <S extends SqlStatement<S>> S bind(S statement, WebhookEvent event) {
        return statement
                .bind("id", event.id())
                .bind("mode", event.mode().name())
                .bind("participant_id", event.participantId().value())
                .bind("event_type", event.type().wire())
                .bind("object_id", event.objectId())
                .bind("sequence_no", event.sequence())
                .bind("item", event.item())
                .bind("created_at", UtcColumns.toColumn(event.createdAt()));
    }

    @Override
    public Optional<WebhookEvent> find(Mode mode, ParticipantId owner, String eventId) {
        return transactor.query(
                FIND,
                query -> query.bind("id", eventId)
                        .bind("mode", mode.name())
                        .bind("participant_id", owner.value())
                        .map(JdbiEventOutbox::event)
                        .findOne());
    }

    @Override
    public List<WebhookEvent> failedSince(
            Mode mode, ParticipantId owner, Instant since, Optional<WebhookEndpointId> endpoint, int limit) {
        return transactor.withHandle(handle -> {
            var query = handle.createQuery(FAILED_SINCE)
                    .define("endpoint", endpoint.isPresent() ? "AND d.endpoint_id = :endpoint_id" : "")
                    .bind("mode", mode.name())
                    .bind("participant_id", owner.value())
                    .bind("since", UtcColumns.toColumn(since))
                    .bind("limit", limit);
            endpoint.ifPresent(id -> query.bind("endpoint_id", id.value()));
            return query.map(JdbiEventOutbox::event).list();
        });
    }

    static WebhookEvent event(ResultSet row, StatementContext context) throws SQLException {
        return new WebhookEvent(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                new ParticipantId(row.getString("participant_id")),
                EventType.fromWire(row.getString("event_type"))
                        .orElseThrow(() -> new IllegalStateException("unknown event type in the database")),
                row.getString("object_id"),
                row.getLong("sequence_no"),
                row.getString("item"),
                UtcColumns.instant(row, "created_at"));
    }

    @Override
    public int purgeUnreferencedBefore(Instant cutoff, int limit) {
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            String at = UtcColumns.toColumn(cutoff);
            List<String> ids = handle.createQuery(PURGEABLE)
                    .bind("cutoff", at)
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            return handle.createUpdate(PURGE)
                    .bindList("ids", ids)
                    .bind("cutoff", at)
                    .execute();
        }));
    }
}
