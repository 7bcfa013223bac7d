package network.peere.persistence.jdbi;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.RateClass;
import network.peere.core.domain.ratelimit.RateLimit;
import network.peere.core.domain.ratelimit.RateLimitOverride;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.RateLimitOverrideStore;

/** Overrides in the {@code rate_limit_overrides} table, one row per rate class an override names. */
final class JdbiRateLimitOverrideStore implements RateLimitOverrideStore {
    private static final String FIND = """
            SELECT rate_class, per_minute, burst_per_second
              FROM rate_limit_overrides
             WHERE mode = :mode AND participant_id = :participant_id""";

    private static final String DELETE =
            "DELETE FROM rate_limit_overrides WHERE mode = :mode AND participant_id = :participant_id";

    private static final String INSERT = """
            INSERT INTO rate_limit_overrides (mode, participant_id, rate_class, per_minute, burst_per_second)
            VALUES (:mode, :participant_id, :rate_class, :per_minute, :burst_per_second)""";

    private record Row(RateClass rateClass, RateLimit limit) {}

    private final JdbiTransactor transactor;

    JdbiRateLimitOverrideStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public Optional<RateLimitOverride> find(Mode mode, ParticipantId participantId) {
        List<Row> rows = transactor.query(
                FIND,
                query -> query.bind("mode", mode.name())
                        .bind("participant_id", participantId.value())
                        .map((row, context) -> new Row(
                                RateClass.valueOf(row.getString("rate_class")),
                                new RateLimit(row.getInt("per_minute"), row.getInt("burst_per_second"))))
                        .list());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<RateClass, RateLimit> byClass = new EnumMap<>(RateClass.class);
        rows.forEach(row -> byClass.put(row.rateClass(), row.limit()));
        return Optional.of(new RateLimitOverride(byClass));
    }

    /**
     * Delete then insert, in one transaction, so a reader never sees half of an override. Two operators saving the
     * same participant's first override at once may deadlock on MariaDB; one of them then fails and may retry.
     */
    @Override
    public void save(Mode mode, ParticipantId participantId, RateLimitOverride override) {
        transactor.inTransaction(() -> transactor.withHandle(handle -> {
            handle.createUpdate(DELETE)
                    .bind("mode", mode.name())
                    .bind("participant_id", participantId.value())
                    .execute();
            var batch = handle.prepareBatch(INSERT);
            override.byClass()
                    .forEach((rateClass, limit) -> batch.bind("mode", mode.name())
                            .bind("participant_id", participantId.value())
                            .bind("rate_class", rateClass.name())
                            .bind("per_minute", limit.perMinute())
                            .bind("burst_per_second", limit.burstPerSecond())
                            .add());
            return batch.execute();
        }));
    }

    @Override
    public boolean clear(Mode mode, ParticipantId participantId) {
        int rows = transactor.withHandle(handle -> handle.createUpdate(DELETE)
                .bind("mode", mode.name())
                .bind("participant_id", participantId.value())
                .execute());
        return rows > 0;
    }
}
