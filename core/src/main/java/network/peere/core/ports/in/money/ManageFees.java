package network.peere.core.ports.in.money;

import java.util.Optional;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.Result;

/**
 * Fee schedules (operator): the network's default, a provider's (the default for its merchants) and a merchant's
 * own. A merchant's effective schedule is its own, else its provider's, else the network's.
 */
public interface ManageFees {
    /** {@code owner}: a merchant or provider id, or {@code network}. Empty {@code schedule} removes an override. */
    Result<Optional<FeeSchedule>> set(Mode mode, String owner, Optional<FeeSchedule> schedule);

    /** The schedule set for that owner, if any. */
    Optional<FeeSchedule> find(Mode mode, String owner);

    /** What a merchant pays, with where it comes from. */
    Result<Effective> effective(Mode mode, ParticipantId merchantId);

    record Effective(FeeSchedule schedule, String source) {}
}
