package network.peere.persistence.jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.FeeScheduleStore;

/** Fee schedules in {@code fee_schedules}, one row per (mode, owner); a NULL maximum is no cap. */
final class JdbiFeeScheduleStore implements FeeScheduleStore {
    private static final String SAVE = """
            INSERT INTO fee_schedules (mode, owner, basis_points, fixed_minor, minimum_minor, maximum_minor)
            VALUES (:mode, :owner, :basis_points, :fixed_minor, :minimum_minor, :maximum_minor)
            ON DUPLICATE KEY UPDATE basis_points = :basis_points, fixed_minor = :fixed_minor,
                                    minimum_minor = :minimum_minor, maximum_minor = :maximum_minor""";

    private static final String FIND = """
            SELECT basis_points, fixed_minor, minimum_minor, maximum_minor
              FROM fee_schedules
             WHERE mode = :mode AND owner = :owner""";

    private static final String FIND_ALL = """
            SELECT owner, basis_points, fixed_minor, minimum_minor, maximum_minor
              FROM fee_schedules
             WHERE mode = :mode AND owner IN (<owners>)""";

    private final JdbiTransactor transactor;

    JdbiFeeScheduleStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void save(Mode mode, String owner, FeeSchedule schedule) {
        transactor.withHandle(handle -> handle.createUpdate(SAVE)
                .bind("mode", mode.name())
                .bind("owner", owner)
                .bind("basis_points", schedule.basisPoints())
                .bind("fixed_minor", schedule.fixedMinor())
                .bind("minimum_minor", schedule.minimumMinor())
                .bind("maximum_minor", schedule.maximumMinor().orElse(null))
                .execute());
    }

    @Override
    public void remove(Mode mode, String owner) {
        transactor.withHandle(
                handle -> handle.createUpdate("DELETE FROM fee_schedules WHERE mode = :mode AND owner = :owner")
                        .bind("mode", mode.name())
                        .bind("owner", owner)
                        .execute());
    }

    @Override
    public Optional<FeeSchedule> find(Mode mode, String owner) {
        return transactor.query(
                FIND,
                query -> query.bind("mode", mode.name())
                        .bind("owner", owner)
                        .map((row, context) -> schedule(row))
                        .findOne());
    }

    @Override
    public Map<String, FeeSchedule> findAll(Mode mode, List<String> owners) {
        if (owners.isEmpty()) {
            return Map.of();
        }
        return transactor.withHandle(handle -> {
            Map<String, FeeSchedule> found = new HashMap<>();
            handle.createQuery(FIND_ALL)
                    .bind("mode", mode.name())
                    .bindList("owners", owners)
                    .map((row, context) -> Map.entry(row.getString("owner"), schedule(row)))
                    .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
            return Map.copyOf(found);
        });
    }

    private static FeeSchedule schedule(java.sql.ResultSet row) throws java.sql.SQLException {
        return new FeeSchedule(
                row.getInt("basis_points"),
                row.getLong("fixed_minor"),
                row.getLong("minimum_minor"),
                Optional.ofNullable(row.getObject("maximum_minor", Long.class)));
    }
}
