package network.peere.core.domain.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint's current secret and, during a rotation's grace period, the previous one. Both sign {@code
 * webhook-signature}; {@code X-Peere-Signature} holds one value, so it keeps the previous secret until the grace period
 * ends and then switches to the current one (receivers that only know the old secret keep working until then).
 */
public record EndpointSecrets(SealedSecret current, Optional<SealedSecret> previous, Optional<Instant> previousUntil) {
    public EndpointSecrets {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(previousUntil, "previousUntil");
        if (previous.isPresent() != previousUntil.isPresent()) {
            throw new IllegalArgumentException("a previous secret has an end of grace, and only then");
        }
    }

    public static EndpointSecrets of(SealedSecret current) {
        return new EndpointSecrets(current, Optional.empty(), Optional.empty());
    }

    /** The new secret becomes current; the one current until now stays valid until {@code graceEnds}. */
    public EndpointSecrets rotate(SealedSecret next, Instant graceEnds) {
        return new EndpointSecrets(next, Optional.of(current), Optional.of(graceEnds));
    }

    /** The previous secret, while its grace period lasts. */
    public Optional<SealedSecret> previousAt(Instant now) {
        return previousUntil.filter(now::isBefore).flatMap(until -> previous);
    }
}
