package network.peere.core.domain.participant;

import java.util.Objects;
import java.util.regex.Pattern;
import network.peere.core.domain.shared.Mode;

/**
 * The plaintext of an API key: {@code sk_test_} or {@code sk_live_} followed by base62 random characters. It exists
 * only while a key is issued (shown once) or presented; it is never stored, and {@link #toString()} never reveals it,
 * so it cannot leak into a log line by accident.
 */
public final class ApiKeySecret {
    public static final int RANDOM_BYTES = 24;
    /** 24 random bytes need at most 33 base62 digits; keys are always padded to this length. */
    public static final int BODY_LENGTH = 33;

    private static final Pattern BODY = Pattern.compile("[0-9A-Za-z]{" + BODY_LENGTH + "}");

    private final String value;
    private final Mode mode;

    private ApiKeySecret(String value, Mode mode) {
        this.value = value;
        this.mode = mode;
    }

    public static ApiKeySecret issue(Mode mode, byte[] randomBytes) {
        Objects.requireNonNull(mode, "mode");
        if (randomBytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("an API key needs exactly " + RANDOM_BYTES + " random bytes");
        }
        return new ApiKeySecret(mode.keyPrefix() + Base62.encode(randomBytes, BODY_LENGTH), mode);
    }

    /** Parses a presented key; empty when it cannot be one of ours (wrong prefix or shape). */
    public static java.util.Optional<ApiKeySecret> parse(String presented) {
        if (presented == null) {
            return java.util.Optional.empty();
        }
        return Mode.fromKey(presented)
                .filter(mode -> BODY.matcher(
                                presented.substring(mode.keyPrefix().length()))
                        .matches())
                .map(mode -> new ApiKeySecret(presented, mode));
    }

    public Mode mode() {
        return mode;
    }

    public KeyHash hash() {
        return KeyHash.of(value);
    }

    /** The last four characters: enough for a person to tell keys apart, useless to an attacker. */
    public String hint() {
        return value.substring(value.length() - 4);
    }

    /** The only way to read the plaintext; called once, when a newly issued key is shown to its owner. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return mode.keyPrefix() + "…" + hint();
    }
}
