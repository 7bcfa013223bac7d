package network.peere.persistence.jdbi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.out.SimulatedBankStore;

/** Simulated sandbox banks in {@code simulated_banks}, their delay in whole milliseconds. */
final class JdbiSimulatedBankStore implements SimulatedBankStore {
    private static final String SAVE = """
            INSERT INTO simulated_banks (bank_id, delay_ms) VALUES (:bank_id, :delay_ms)
            ON DUPLICATE KEY UPDATE delay_ms = :delay_ms""";

    private static final String SELECT = "SELECT bank_id, delay_ms FROM simulated_banks";

    private final JdbiTransactor transactor;

    JdbiSimulatedBankStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void save(Simulation simulation) {
        transactor.withHandle(handle -> handle.createUpdate(SAVE)
                .bind("bank_id", simulation.bankId().value())
                .bind("delay_ms", simulation.delay().toMillis())
                .execute());
    }

    @Override
    public void remove(ParticipantId bankId) {
        transactor.withHandle(handle -> handle.createUpdate("DELETE FROM simulated_banks WHERE bank_id = :bank_id")
                .bind("bank_id", bankId.value())
                .execute());
    }

    @Override
    public Optional<Simulation> find(ParticipantId bankId) {
        return transactor.query(
                SELECT + " WHERE bank_id = :bank_id",
                query -> query.bind("bank_id", bankId.value())
                        .map((row, context) -> simulation(row.getString("bank_id"), row.getLong("delay_ms")))
                        .findOne());
    }

    @Override
    public List<Simulation> all() {
        return transactor.query(
                SELECT + " ORDER BY bank_id",
                query -> query.map((row, context) -> simulation(row.getString("bank_id"), row.getLong("delay_ms")))
                        .list());
    }

    private static Simulation simulation(String bankId, long delayMs) {
        return new Simulation(new ParticipantId(bankId), Duration.ofMillis(delayMs));
    }
}
