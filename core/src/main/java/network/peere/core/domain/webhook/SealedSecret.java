package network.peere.core.domain.webhook;

import java.util.Objects;

/** A webhook secret encrypted at rest (the server needs the plaintext to sign, so it is not hashed). */
public record SealedSecret(String value) {
    public SealedSecret {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a sealed secret is not blank");
        }
    }

    @Override
    public String toString() {
        return "SealedSecret[…]";
    }
}
