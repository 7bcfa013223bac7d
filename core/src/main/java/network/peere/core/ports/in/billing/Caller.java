package network.peere.core.ports.in.billing;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Mode;

/**
 * Who asks: the authenticated key's participant, and for a provider the merchant it acts for ({@code entityId}). A
 * merchant never names one (its key decides); a provider must, and only one of its own merchants resolves.
 */
public record Caller(Principal principal, Optional<network.peere.core.domain.participant.ParticipantId> entityId) {
    public Caller {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(entityId, "entityId");
    }

    public static Caller of(Principal principal) {
        return new Caller(principal, Optional.empty());
    }

    public Mode mode() {
        return principal.mode();
    }
}
