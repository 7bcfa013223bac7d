package network.peere.core.ports.in.ratelimit;

import java.util.Objects;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.EffectiveRateLimits;
import network.peere.core.domain.shared.Mode;

/** The limits a participant's keys get now: defaults × trust factor, then the operator's override. */
public interface ResolveRateLimits {
    Resolution resolve(Mode mode, ParticipantId participantId);

    sealed interface Resolution {
        record Resolved(EffectiveRateLimits limits) implements Resolution {
            public Resolved {
                Objects.requireNonNull(limits, "limits");
            }
        }

        record Rejected(Rejection reason) implements Resolution {}
    }

    /** In precedence order. */
    enum Rejection {
        PARTICIPANT_NOT_FOUND
    }
}
