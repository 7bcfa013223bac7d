package network.peere.persistence.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.FeeScheduleStore;

/** Fee schedules in a map keyed as the {@code fee_schedules} table is: (mode, owner). */
final class InMemoryFeeScheduleStore implements FeeScheduleStore {
    private record Key(Mode mode, String owner) {}

    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<Key, FeeSchedule> rows = new HashMap<>();

    InMemoryFeeScheduleStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void save(Mode mode, String owner, FeeSchedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        var key = new Key(mode, owner);
        transactor.useTransaction(() -> {
            FeeSchedule before = rows.put(key, schedule);
            transactor.onRollback(() -> restore(key, before));
        });
    }

    @Override
    public void remove(Mode mode, String owner) {
        var key = new Key(mode, owner);
        transactor.useTransaction(() -> {
            FeeSchedule before = rows.remove(key);
            transactor.onRollback(() -> restore(key, before));
        });
    }

    private void restore(Key key, FeeSchedule before) {
        if (before == null) {
            rows.remove(key);
        } else {
            rows.put(key, before);
        }
    }

    @Override
    public Optional<FeeSchedule> find(Mode mode, String owner) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(new Key(mode, owner))));
    }

    @Override
    public Map<String, FeeSchedule> findAll(Mode mode, List<String> owners) {
        return transactor.inTransaction(() -> {
            Map<String, FeeSchedule> found = new HashMap<>();
            for (String owner : owners) {
                FeeSchedule schedule = rows.get(new Key(mode, owner));
                if (schedule != null) {
                    found.put(owner, schedule);
                }
            }
            return Map.copyOf(found);
        });
    }
}
