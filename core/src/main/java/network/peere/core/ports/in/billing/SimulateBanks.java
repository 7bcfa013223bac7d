package network.peere.core.ports.in.billing;

import java.time.Duration;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.out.SimulatedBankStore.Simulation;

/**
 * The sandbox bank: Peere answers a simulated sandbox bank's intents and billing requests itself, through the same
 * use cases a real bank calls, by documented rules (docs/sandbox.md): a customer e-mail containing {@code +deny} is
 * denied, {@code +suspend} suspended, {@code +block} denied with the merchant blocked; amounts ending in {@code .51}
 * are declined for insufficient funds and {@code .52} left unanswered until they expire; everything else is approved.
 * Refunds of amounts ending in {@code .53} fail; every other refund completes.
 */
public interface SimulateBanks {
    /** Marks a sandbox bank simulated (with its answer delay), or not (empty). */
    Result<Optional<Simulation>> configure(ParticipantId bankId, Optional<Duration> delay);

    Optional<Simulation> simulation(ParticipantId bankId);

    /** Answers what is due for every simulated bank, at most {@code limit} of each kind; returns how many. */
    int answerDue(int limit);
}
