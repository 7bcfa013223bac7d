package network.peere.persistence.memory;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.out.SimulatedBankStore;

/** Simulated banks in a map, behaving as the {@code simulated_banks} table does (its contract tests say how). */
final class InMemorySimulatedBankStore implements SimulatedBankStore {
    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<ParticipantId, Simulation> rows = new HashMap<>();

    InMemorySimulatedBankStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void save(Simulation simulation) {
        // The table keeps whole milliseconds.
        Simulation row = new Simulation(
                simulation.bankId(), Duration.ofMillis(simulation.delay().toMillis()));
        transactor.useTransaction(() -> {
            Simulation before = rows.put(row.bankId(), row);
            transactor.onRollback(() -> restore(row.bankId(), before));
        });
    }

    @Override
    public void remove(ParticipantId bankId) {
        transactor.useTransaction(() -> {
            Simulation before = rows.remove(bankId);
            transactor.onRollback(() -> restore(bankId, before));
        });
    }

    private void restore(ParticipantId bankId, Simulation before) {
        if (before == null) {
            rows.remove(bankId);
        } else {
            rows.put(bankId, before);
        }
    }

    @Override
    public Optional<Simulation> find(ParticipantId bankId) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(bankId)));
    }

    @Override
    public List<Simulation> all() {
        return transactor.inTransaction(() -> rows.values().stream()
                .sorted(Comparator.comparing(s -> s.bankId().value()))
                .toList());
    }
}
