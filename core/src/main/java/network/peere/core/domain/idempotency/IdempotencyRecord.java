package network.peere.core.domain.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A used idempotency key: the fingerprint of the request that first used it, the response it got, and when the key
 * may be forgotten. Claimed (without a response) before the work and completed after it, in the same transaction as
 * the effect: a committed record always has its response.
 */
public record IdempotencyRecord(
        IdempotencyKey key,
        String requestFingerprint,
        Optional<StoredResponse> response,
        Instant createdAt,
        Instant expiresAt) {
    public static final int FINGERPRINT_LENGTH_MAX = 128;

    public IdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (requestFingerprint == null
                || requestFingerprint.isEmpty()
                || requestFingerprint.length() > FINGERPRINT_LENGTH_MAX) {
            throw new IllegalArgumentException("fingerprint must be 1-" + FINGERPRINT_LENGTH_MAX + " characters");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a record expires after it is created");
        }
    }

    public static IdempotencyRecord claim(IdempotencyKey key, String fingerprint, Instant now, Instant expiresAt) {
        return new IdempotencyRecord(key, fingerprint, Optional.empty(), now, expiresAt);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
