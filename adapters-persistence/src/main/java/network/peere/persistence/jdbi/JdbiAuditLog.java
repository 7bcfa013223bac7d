package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.audit.AuditEntry;
import network.peere.core.domain.audit.AuditFilter;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.AuditLog;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** The audit log in the {@code audit_log} table: INSERT and SELECT only, never UPDATE or DELETE. */
final class JdbiAuditLog implements AuditLog {
    private static final String COLUMNS = "id, mode, subject_id, action, actor_kind, actor_participant_id,"
            + " actor_key_id, actor_label, details, occurred_at";

    private static final String INSERT = """
            INSERT INTO audit_log (%s)
            VALUES (:id, :mode, :subject_id, :action, :actor_kind, :actor_participant_id,
                    :actor_key_id, :actor_label, :details, :occurred_at)""".formatted(COLUMNS);

    private static final String LIST = """
            SELECT %s, COUNT(*) OVER () AS total_matches
              FROM audit_log
             WHERE %s
             ORDER BY occurred_at DESC, id DESC
             LIMIT :limit OFFSET :offset""";

    private static final String COUNT = "SELECT COUNT(*) FROM audit_log WHERE %s";

    private final JdbiTransactor transactor;

    JdbiAuditLog(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void append(AuditEntry entry) {
        Actor actor = entry.actor();
        transactor.withHandle(handle -> handle.createUpdate(INSERT)
                .bind("id", entry.id())
                .bind("mode", entry.mode().name())
                .bind("subject_id", entry.subject().value())
                .bind("action", entry.action().name())
                .bind("actor_kind", actor.kind().name())
                .bind(
                        "actor_participant_id",
                        actor.participantId().map(ParticipantId::value).orElse(null))
                .bind("actor_key_id", actor.keyId().map(ApiKeyId::value).orElse(null))
                .bind("actor_label", actor.label())
                .bind("details", FormEncodedDetails.encode(entry.details()))
                .bind("occurred_at", UtcColumns.toColumn(entry.occurredAt()))
                .execute());
    }

    @Override
    public Page<AuditEntry> list(Mode mode, AuditFilter filter, PageRequest page) {
        String where = where(filter);
        return transactor.withHandle(handle -> {
            List<Counted> rows = bindFilter(handle.createQuery(LIST.formatted(COLUMNS, where)), mode, filter)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Counted(entry(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::entry).toList(),
                        rows.getFirst().total());
            }
            long total = bindFilter(handle.createQuery(COUNT.formatted(where)), mode, filter)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(List.of(), total);
        });
    }

    private record Counted(AuditEntry entry, long total) {}

    private static String where(AuditFilter filter) {
        List<String> conditions = new ArrayList<>(List.of("mode = :mode"));
        filter.subject().ifPresent(s -> conditions.add("subject_id = :subject_id"));
        filter.action().ifPresent(a -> conditions.add("action = :action"));
        filter.from().ifPresent(f -> conditions.add("occurred_at >= :from"));
        filter.to().ifPresent(t -> conditions.add("occurred_at < :to"));
        return String.join(" AND ", conditions);
    }

    private static <S extends SqlStatement<S>> S bindFilter(S statement, Mode mode, AuditFilter filter) {
        statement.bind("mode", mode.name());
        filter.subject().ifPresent(s -> statement.bind("subject_id", s.value()));
        filter.action().ifPresent(a -> statement.bind("action", a.name()));
        filter.from().ifPresent(f -> statement.bind("from", UtcColumns.toColumn(f)));
        filter.to().ifPresent(t -> statement.bind("to", UtcColumns.toColumn(t)));
        return statement;
    }

    private static AuditEntry entry(ResultSet row, StatementContext context) throws SQLException {
        var actor = new Actor(
                Actor.Kind.valueOf(row.getString("actor_kind")),
                Optional.ofNullable(row.getString("actor_participant_id")).map(ParticipantId::new),
                Optional.ofNullable(row.getString("actor_key_id")).map(ApiKeyId::new),
                row.getString("actor_label"));
        return new AuditEntry(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                actor,
                new ParticipantId(row.getString("subject_id")),
                AuditAction.valueOf(row.getString("action")),
                FormEncodedDetails.decode(row.getString("details")),
                UtcColumns.instant(row, "occurred_at"));
    }
}
