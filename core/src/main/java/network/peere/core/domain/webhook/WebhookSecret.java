package network.peere.core.domain.webhook;

import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret in plaintext, as shown once: {@code whsec_<base64>}. {@code X-Peere-Signature} is keyed
 * by the UTF-8 bytes of this whole string (so the public docs' Node.js check works with the secret as shown); Standard
 * Webhooks' {@code webhook-signature} by the base64-decoded bytes (spec/decisions.md, "Webhooks"). Never logged:
 * {@link #toString()} hides it.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    public static final int RANDOM_BYTES = 32;

    private final String value;

    private WebhookSecret(String value) {
        this.value = value;
    }

    public static WebhookSecret generate(byte[] random) {
        if (random.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a webhook secret takes " + RANDOM_BYTES + " random bytes");
        }
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(random));
    }

    /** A secret read back from its sealed form; refuses anything that is not {@code whsec_<base64>}. */
    public static WebhookSecret of(String value) {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        Base64.getDecoder().decode(value.substring(PREFIX.length()));
        return new WebhookSecret(value);
    }

    public String reveal() {
        return value;
    }

    /** The HMAC key of Standard Webhooks' {@code webhook-signature}. */
    public byte[] standardKey() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return PREFIX + "…(hidden)";
    }
}
