package network.peere.core.domain.participant;

import java.util.Objects;
import network.peere.core.domain.shared.Mode;

/** Who is calling: the participant an authenticated API key belongs to, in the key's mode. */
public record Principal(ParticipantId participantId, Mode mode, Role role, ApiKeyId keyId) {
    public Principal {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyId, "keyId");
    }

    /** Whether {@code participant} is this principal's own: the same participant, in the same mode. */
    public boolean isOf(Participant participant) {
        return participant.id().equals(participantId) && participant.mode() == mode;
    }
}
