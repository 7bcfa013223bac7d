package network.peere.core.ports.out;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;

/** Which sandbox banks Peere answers for itself, and after how long. Sandbox only: live banks are never simulated. */
public interface SimulatedBankStore {
    void save(Simulation simulation);

    void remove(ParticipantId bankId);

    Optional<Simulation> find(ParticipantId bankId);

    List<Simulation> all();

    record Simulation(ParticipantId bankId, Duration delay) {
        public static final Duration DELAY_MAX = Duration.ofHours(1);

        public Simulation {
            Objects.requireNonNull(bankId, "bankId");
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.compareTo(DELAY_MAX) > 0) {
                throw new IllegalArgumentException("a simulated bank answers within 0.." + DELAY_MAX);
            }
        }
    }
}
