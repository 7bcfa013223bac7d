package network.peere.core.domain.participant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SHA-256 of an API key. Keys carry 190 bits of randomness, so an unsalted fast hash is enough to make a stolen
 * table useless, and it lets a key be found by an index lookup. Equality is constant-time.
 */
public record KeyHash(String hex) {
    /** Compiled once: {@code String.matches} compiled it again for every request's key. */
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

    public KeyHash {
        Objects.requireNonNull(hex, "hex");
        if (!SHAPE.matcher(hex).matches()) {
            throw new IllegalArgumentException("a key hash is 64 lower-case hex digits");
        }
    }

    static KeyHash of(String plaintext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8));
            return new KeyHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public boolean matchesInConstantTime(KeyHash other) {
        return MessageDigest.isEqual(
                hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyHash other && matchesInConstantTime(other);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return "KeyHash[redacted]";
    }
}
