package network.peere.persistence.jdbi;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EndpointSecrets;
import network.peere.core.domain.webhook.EndpointStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.ports.out.WebhookEndpointStore;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** Webhook endpoints in {@code webhook_endpoints}; updates are conditional on {@code updated_at}. */
final class JdbiWebhookEndpointStore implements WebhookEndpointStore {
    private static final String COLUMNS = "id, mode, participant_id, url, event_types, status, secret_sealed,"
            + " previous_secret_sealed, previous_secret_until, created_at, updated_at";

    private static final String OWNER = "mode = :mode AND participant_id = :participant_id";

    private static final String INSERT = """
            INSERT INTO webhook_endpoints (%s)
            VALUES (:id, :mode, :participant_id, :url, :event_types, :status, :secret_sealed,
                    :previous_secret_sealed, :previous_secret_until, :created_at, :updated_at)""".formatted(COLUMNS);

    private static final String FIND = "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = :id AND " + OWNER;

    private static final String LIST_FOR =
            "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE " + OWNER + " ORDER BY created_at, id";

    private static final String UPDATE = """
            UPDATE webhook_endpoints
               SET url = :url, event_types = :event_types, status = :status, secret_sealed = :secret_sealed,
                   previous_secret_sealed = :previous_secret_sealed, previous_secret_until = :previous_secret_until,
                   updated_at = :updated_at
             WHERE id = :id AND %s AND updated_at = :expected_updated_at""".formatted(OWNER);

    private static final String DELETE = "DELETE FROM webhook_endpoints WHERE id = :id AND " + OWNER;

    private final JdbiTransactor transactor;

    JdbiWebhookEndpointStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(WebhookEndpoint endpoint) {
        transactor.withHandle(handle -> bindAll(handle.createUpdate(INSERT), endpoint)
                .bind("created_at", UtcColumns.toColumn(endpoint.createdAt()))
                .execute());
    }

    @Override
    public Optional<WebhookEndpoint> find(Mode mode, ParticipantId owner, WebhookEndpointId id) {
        return transactor.query(
                FIND,
                query -> query.bind("id", id.value())
                        .bind("mode", mode.name())
                        .bind("participant_id", owner.value())
                        .map(JdbiWebhookEndpointStore::endpoint)
                        .findOne());
    }

    @Override
    public List<WebhookEndpoint> listFor(Mode mode, ParticipantId owner) {
        return transactor.query(
                LIST_FOR,
                query -> query.bind("mode", mode.name())
                        .bind("participant_id", owner.value())
                        .map(JdbiWebhookEndpointStore::endpoint)
                        .list());
    }

    @Override
    public boolean update(WebhookEndpoint expected, WebhookEndpoint changed) {
        if (!expected.id().equals(changed.id())
                || expected.mode() != changed.mode()
                || !expected.participantId().equals(changed.participantId())) {
            throw new IllegalArgumentException("an update keeps the endpoint's id and owner");
        }
        return transactor.withHandle(handle -> bindAll(handle.createUpdate(UPDATE), changed)
                        .bind("expected_updated_at", UtcColumns.toColumn(expected.updatedAt()))
                        .execute())
                == 1;
    }

    @Override
    public boolean delete(Mode mode, ParticipantId owner, WebhookEndpointId id) {
        return transactor.withHandle(handle -> handle.createUpdate(DELETE)
                        .bind("id", id.value())
                        .bind("mode", mode.name())
                        .bind("participant_id", owner.value())
                        .execute())
                == 1;
    }

    private static <S extends SqlStatement<S>> S bindAll(S statement, WebhookEndpoint endpoint) {
        EndpointSecrets secrets = endpoint.secrets();
        return statement
                .bind("id", endpoint.id().value())
                .bind("mode", endpoint.mode().name())
                .bind("participant_id", endpoint.participantId().value())
                .bind("url", endpoint.url().toString())
                .bind(
                        "event_types",
                        endpoint.eventTypes().stream()
                                .map(EventType::wire)
                                .sorted()
                                .collect(Collectors.joining(",")))
                .bind("status", endpoint.status().name())
                .bind("secret_sealed", secrets.current().value())
                .bind(
                        "previous_secret_sealed",
                        secrets.previous().map(SealedSecret::value).orElse(null))
                .bind(
                        "previous_secret_until",
                        secrets.previousUntil().map(UtcColumns::toColumn).orElse(null))
                .bind("updated_at", UtcColumns.toColumn(endpoint.updatedAt()));
    }

    static Set<EventType> eventTypes(String column) {
        return Arrays.stream(column.split(","))
                .map(wire -> EventType.fromWire(wire)
                        .orElseThrow(() -> new IllegalStateException("unknown event type in the database: " + wire)))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static WebhookEndpoint endpoint(ResultSet row, StatementContext context) throws SQLException {
        return new WebhookEndpoint(
                new WebhookEndpointId(row.getString("id")),
                new ParticipantId(row.getString("participant_id")),
                Mode.valueOf(row.getString("mode")),
                URI.create(row.getString("url")),
                eventTypes(row.getString("event_types")),
                EndpointStatus.valueOf(row.getString("status")),
                new EndpointSecrets(
                        new SealedSecret(row.getString("secret_sealed")),
                        Optional.ofNullable(row.getString("previous_secret_sealed"))
                                .map(SealedSecret::new),
                        UtcColumns.optionalInstant(row, "previous_secret_until")),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "updated_at"));
    }
}
