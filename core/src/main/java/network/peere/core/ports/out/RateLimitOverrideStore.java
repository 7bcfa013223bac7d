package network.peere.core.ports.out;

import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.RateLimitOverride;
import network.peere.core.domain.shared.Mode;

/** The operator's per-participant rate limits. At most one override per participant; every method is scoped to one mode. */
public interface RateLimitOverrideStore {
    Optional<RateLimitOverride> find(Mode mode, ParticipantId participantId);

    /** Replaces the participant's override as a whole: classes the new one does not name go back to computed limits. */
    void save(Mode mode, ParticipantId participantId, RateLimitOverride override);

    /** @return false when the participant had no override in that mode */
    boolean clear(Mode mode, ParticipantId participantId);
}
