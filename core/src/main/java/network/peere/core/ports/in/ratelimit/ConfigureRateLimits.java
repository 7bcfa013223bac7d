package network.peere.core.ports.in.ratelimit;

import java.util.Objects;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.EffectiveRateLimits;
import network.peere.core.domain.ratelimit.RateLimitOverride;
import network.peere.core.domain.shared.Mode;

/**
 * The operator overrides a participant's rate limits (for benchmarks, or a partner with more traffic), or clears the
 * override to go back to defaults × trust factor.
 */
public interface ConfigureRateLimits {
    /** Replaces any earlier override as a whole. */
    Configuration override(Mode mode, ParticipantId participantId, RateLimitOverride override, Actor actor);

    /** Clearing when there is no override is not an error: the participant is on its computed limits either way. */
    Configuration clearOverride(Mode mode, ParticipantId participantId, Actor actor);

    sealed interface Configuration {
        record Configured(EffectiveRateLimits limits) implements Configuration {
            public Configured {
                Objects.requireNonNull(limits, "limits");
            }
        }

        record Rejected(Rejection reason) implements Configuration {}
    }

    /** In precedence order. */
    enum Rejection {
        PARTICIPANT_NOT_FOUND
    }
}
