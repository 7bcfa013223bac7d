package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import network.peere.core.domain.idempotency.IdempotencyKey;
import network.peere.core.domain.idempotency.IdempotencyRecord;
import network.peere.core.domain.idempotency.StoredResponse;
import network.peere.core.ports.out.IdempotencyStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Idempotency keys in {@code idempotency_keys}; the primary key is what serialises concurrent first uses. */
final class JdbiIdempotencyStore implements IdempotencyStore {
    private static final String KEY = "mode = :mode AND participant_id = :participant_id AND idempotency_key = :key";

    private static final String CLAIM = """
            INSERT INTO idempotency_keys
                   (mode, participant_id, idempotency_key, request_fingerprint, created_at, expires_at)
            VALUES (:mode, :participant_id, :key, :fingerprint, :created_at, :expires_at)""";

    private static final String COMPLETE = """
            UPDATE idempotency_keys
               SET response_status = :status, response_content_type = :content_type, response_body = :body
             WHERE %s AND response_status IS NULL""".formatted(KEY);

    private static final String FIND = """
            SELECT mode, participant_id, idempotency_key, request_fingerprint, response_status,
                   response_content_type, response_body, created_at, expires_at
              FROM idempotency_keys
             WHERE %s""".formatted(KEY);

    private static final String DELETE_IF_EXPIRED =
            "DELETE FROM idempotency_keys WHERE %s AND expires_at <= :now".formatted(KEY);

    private static final String EXPIRED = """
            SELECT mode, participant_id, idempotency_key
              FROM idempotency_keys
             WHERE expires_at <= :now
             ORDER BY expires_at
             LIMIT :limit""";

    private final JdbiTransactor transactor;

    JdbiIdempotencyStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public boolean claim(IdempotencyRecord claim) {
        try {
            racing(handle -> bindKey(handle.createUpdate(CLAIM), claim.key())
                    .bind("fingerprint", claim.requestFingerprint())
                    .bind("created_at", UtcColumns.toColumn(claim.createdAt()))
                    .bind("expires_at", UtcColumns.toColumn(claim.expiresAt()))
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isIntegrityViolation(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Runs a statement on the key's row, a deadlock reported as {@link ClaimRaced}: the database rolled the whole
     * transaction back, and only running the attempt again can settle it.
     */
    private int racing(Function<Handle, Integer> statement) {
        try {
            return transactor.withHandle(statement);
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isDeadlock(e.getCause())) {
                throw new ClaimRaced(e);
            }
            throw e;
        }
    }

    @Override
    public void complete(IdempotencyKey key, StoredResponse response) {
        int rows = transactor.withHandle(handle -> bindKey(handle.createUpdate(COMPLETE), key)
                .bind("status", response.status())
                .bind("content_type", response.contentType())
                .bind("body", response.body())
                .execute());
        if (rows != 1) {
            throw new IllegalStateException("completing an idempotency key that was not claimed in this transaction");
        }
    }

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key) {
        return transactor.query(
                FIND,
                query -> bindKey(query, key).map(JdbiIdempotencyStore::record).findOne());
    }

    @Override
    public boolean deleteIfExpired(IdempotencyKey key, Instant now) {
        return racing(handle -> bindKey(handle.createUpdate(DELETE_IF_EXPIRED), key)
                        .bind("now", UtcColumns.toColumn(now))
                        .execute())
                == 1;
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return transactor.withHandle(handle -> {
            // Select then delete by primary key: portable across H2 and MySQL, and each delete rechecks expiry.
            List<IdempotencyKey> expired = handle.createQuery(EXPIRED)
                    .bind("now", UtcColumns.toColumn(now))
                    .bind("limit", limit)
                    .map((row, context) -> key(row))
                    .list();
            int deleted = 0;
            for (IdempotencyKey key : expired) {
                deleted += bindKey(handle.createUpdate(DELETE_IF_EXPIRED), key)
                        .bind("now", UtcColumns.toColumn(now))
                        .execute();
            }
            return deleted;
        });
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindKey(S statement, IdempotencyKey key) {
        return statement
                .bind("mode", key.mode().name())
                .bind("participant_id", key.participantId().value())
                .bind("key", key.value());
    }

    private static IdempotencyKey key(ResultSet row) throws SQLException {
        return new IdempotencyKey(
                network.peere.core.domain.shared.Mode.valueOf(row.getString("mode")),
                new network.peere.core.domain.participant.ParticipantId(row.getString("participant_id")),
                row.getString("idempotency_key"));
    }

    private static IdempotencyRecord record(ResultSet row, StatementContext context) throws SQLException {
        int status = row.getInt("response_status");
        Optional<StoredResponse> response = row.wasNull()
                ? Optional.empty()
                : Optional.of(new StoredResponse(
                        status, row.getString("response_content_type"), row.getString("response_body")));
        return new IdempotencyRecord(
                key(row),
                row.getString("request_fingerprint"),
                response,
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "expires_at"));
    }
}
