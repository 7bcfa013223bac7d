package network.peere.core.domain.ratelimit;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;

/**
 * The limits a participant's keys get: the defaults times its trust factor, then the operator's override for the
 * classes it names.
 */
public record EffectiveRateLimits(
        ParticipantId participantId, int trustFactor, RateLimits limits, Optional<RateLimitOverride> override) {
    public EffectiveRateLimits {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(override, "override");
        if (trustFactor < 1) {
            throw new IllegalArgumentException("trustFactor must be at least 1");
        }
    }

    public static EffectiveRateLimits of(Participant participant, Optional<RateLimitOverride> override) {
        int factor = TrustScaling.factor(participant.profile());
        RateLimits computed = RateLimits.defaults().times(factor);
        return new EffectiveRateLimits(
                participant.id(), factor, override.map(computed::overriddenBy).orElse(computed), override);
    }

    public RateLimit of(RateClass rateClass) {
        return limits.of(rateClass);
    }

    public boolean isOverridden(RateClass rateClass) {
        return override.filter(o -> o.names(rateClass)).isPresent();
    }
}
