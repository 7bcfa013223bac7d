package network.peere.core.domain.participant;

import java.util.Objects;

/** An API key with what authentication needs of its owner, read together in one round trip. */
public record KeyOwner(ApiKey key, Role role, ParticipantStatus status) {
    public KeyOwner {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
    }
}
