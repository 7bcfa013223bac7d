package network.peere.persistence.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ApiKeySecret;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** API keys for tests: each id gets its own, repeatable secret, so tests can present a key and look it up. */
public final class TestApiKeys {
    private TestApiKeys() {}

    /** An active key of that owner, created at {@link TestParticipants#T0}. */
    public static ApiKey key(Mode mode, String ownerId, String keyId) {
        ApiKeySecret secret = secret(mode, keyId);
        return new ApiKey(
                new ApiKeyId(keyId),
                new ParticipantId(ownerId),
                mode,
                secret.hash(),
                secret.hint(),
                "key " + keyId,
                TestParticipants.T0,
                Optional.empty());
    }

    /** The plaintext of {@link #key}: the same mode and key id always give the same secret. */
    public static ApiKeySecret secret(Mode mode, String keyId) {
        return ApiKeySecret.issue(mode, randomBytesFrom(mode + "/" + keyId));
    }

    public static ApiKey createdAt(ApiKey key, Instant createdAt) {
        return new ApiKey(
                key.id(),
                key.participantId(),
                key.mode(),
                key.hash(),
                key.hint(),
                key.label(),
                createdAt,
                key.revokedAt());
    }

    private static byte[] randomBytesFrom(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, ApiKeySecret.RANDOM_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
