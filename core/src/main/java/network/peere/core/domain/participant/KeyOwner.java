package network.peere.core.domain.participant;

import java.util.Objects;

/** An API key with its owner, read together in one round trip. */
public record KeyOwner(ApiKey key, Participant owner) {
    public KeyOwner {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        if (!owner.id().equals(key.participantId()) || owner.mode() != key.mode()) {
            throw new IllegalArgumentException("a key's owner is its participant, in its mode");
        }
    }

    public Role role() {
        return owner.role();
    }

    public ParticipantStatus status() {
        return owner.status();
    }
}
