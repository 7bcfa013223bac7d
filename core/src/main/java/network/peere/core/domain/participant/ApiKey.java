package network.peere.core.domain.participant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.shared.Mode;

/** A stored API key: its hash, never its plaintext. A participant may hold several at once, for rotation. */
public record ApiKey(
        ApiKeyId id,
        ParticipantId participantId,
        Mode mode,
        KeyHash hash,
        String hint,
        String label,
        Instant createdAt,
        Optional<Instant> revokedAt) {

    public static final int LABEL_LENGTH_MAX = 100;

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (!isValidLabel(label)) {
            throw new IllegalArgumentException("label must be at most " + LABEL_LENGTH_MAX + " characters");
        }
    }

    public static boolean isValidLabel(String label) {
        return label != null && label.length() <= LABEL_LENGTH_MAX;
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    public ApiKey revoke(Instant now) {
        if (isRevoked()) {
            throw new IllegalStateException("key " + id + " is already revoked");
        }
        return new ApiKey(id, participantId, mode, hash, hint, label, createdAt, Optional.of(now));
    }
}
