package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.KeyHash;
import network.peere.core.domain.participant.KeyOwner;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.ApiKeyStore;
import org.jdbi.v3.core.statement.StatementContext;

/** API keys in the {@code api_keys} table, found by the unique index on their hash. */
final class JdbiApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS = "id, participant_id, mode, key_hash, hint, label, created_at, revoked_at";

    private static final String INSERT = """
            INSERT INTO api_keys (%s)
            VALUES (:id, :participant_id, :mode, :key_hash, :hint, :label, :created_at, :revoked_at)""".formatted(COLUMNS);

    private static final String FIND_BY_HASH =
            "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = :key_hash AND mode = :mode";

    /** The prefix of the owner's columns in {@link #FIND_WITH_OWNER}, whose names the key's columns also use. */
    private static final String OWNER = "owner_";

    /** Keys always have their participant (same id, same mode); the join reads both in one round trip. */
    private static final String FIND_WITH_OWNER = """
            SELECT k.id, k.participant_id, k.mode, k.key_hash, k.hint, k.label, k.created_at, k.revoked_at,
                   %s
              FROM api_keys k
              JOIN participants p ON p.id = k.participant_id AND p.mode = k.mode
             WHERE k.key_hash = :key_hash AND k.mode = :mode""".formatted(JdbiParticipantStore.columnsAs("p", OWNER));

    private static final String FIND =
            "SELECT " + COLUMNS + " FROM api_keys WHERE id = :id AND mode = :mode AND participant_id = :participant_id";

    private static final String LIST_FOR = """
            SELECT %s
              FROM api_keys
             WHERE mode = :mode AND participant_id = :participant_id
             ORDER BY created_at DESC, id DESC""".formatted(COLUMNS);

    /** Conditional on revoked_at, so of two concurrent revokes exactly one reports success. */
    private static final String REVOKE = """
            UPDATE api_keys
               SET revoked_at = :now
             WHERE id = :id AND mode = :mode AND participant_id = :participant_id AND revoked_at IS NULL""";

    private final JdbiTransactor transactor;

    JdbiApiKeyStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(ApiKey key) {
        transactor.withHandle(handle -> handle.createUpdate(INSERT)
                .bind("id", key.id().value())
                .bind("participant_id", key.participantId().value())
                .bind("mode", key.mode().name())
                .bind("key_hash", key.hash().hex())
                .bind("hint", key.hint())
                .bind("label", key.label())
                .bind("created_at", UtcColumns.toColumn(key.createdAt()))
                .bind("revoked_at", key.revokedAt().map(UtcColumns::toColumn).orElse(null))
                .execute());
    }

    @Override
    public Optional<ApiKey> findByHash(Mode mode, KeyHash hash) {
        return transactor.query(
                FIND_BY_HASH,
                query -> query.bind("key_hash", hash.hex())
                        .bind("mode", mode.name())
                        .map(JdbiApiKeyStore::apiKey)
                        .findOne());
    }

    @Override
    public Optional<KeyOwner> findWithOwner(Mode mode, KeyHash hash) {
        return transactor.query(
                FIND_WITH_OWNER,
                query -> query.bind("key_hash", hash.hex())
                        .bind("mode", mode.name())
                        .map((row, context) ->
                                new KeyOwner(apiKey(row, context), JdbiParticipantStore.participant(row, OWNER)))
                        .findOne());
    }

    @Override
    public Optional<ApiKey> find(Mode mode, ParticipantId owner, ApiKeyId id) {
        return transactor.query(
                FIND,
                query -> query.bind("id", id.value())
                        .bind("mode", mode.name())
                        .bind("participant_id", owner.value())
                        .map(JdbiApiKeyStore::apiKey)
                        .findOne());
    }

    @Override
    public List<ApiKey> listFor(Mode mode, ParticipantId owner) {
        return transactor.query(
                LIST_FOR,
                query -> query.bind("mode", mode.name())
                        .bind("participant_id", owner.value())
                        .map(JdbiApiKeyStore::apiKey)
                        .list());
    }

    @Override
    public boolean revoke(Mode mode, ParticipantId owner, ApiKeyId id, Instant now) {
        int rows = transactor.withHandle(handle -> handle.createUpdate(REVOKE)
                .bind("now", UtcColumns.toColumn(now))
                .bind("id", id.value())
                .bind("mode", mode.name())
                .bind("participant_id", owner.value())
                .execute());
        return rows == 1;
    }

    private static ApiKey apiKey(ResultSet row, StatementContext context) throws SQLException {
        return new ApiKey(
                new ApiKeyId(row.getString("id")),
                new ParticipantId(row.getString("participant_id")),
                Mode.valueOf(row.getString("mode")),
                new KeyHash(row.getString("key_hash")),
                row.getString("hint"),
                row.getString("label"),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.optionalInstant(row, "revoked_at"));
    }
}
