package network.peere.core.ports.in.billing;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Mode;

/**
 * Who asks: the authenticated key's participant, and for a provider the merchant it acts for ({@code entityId}). A
 * merchant never names one (its key decides); a provider must, and only one of its own merchants resolves.
 *
 * <p>{@code authenticated} is the key's participant as authentication read it, which may be a moment old (a cached
 * authentication). Only a path that checks its {@link Participant#version() version} again inside its own transaction
 * may use it instead of reading the participant (a bill does, under its agreement's lock); every other path reads.
 */
public record Caller(Principal principal, Optional<ParticipantId> entityId, Optional<Participant> authenticated) {
    public Caller {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(authenticated, "authenticated");
        if (authenticated.isPresent() && !principal.isOf(authenticated.get())) {
            throw new IllegalArgumentException("the authenticated participant is not the principal's");
        }
    }

    public Caller(Principal principal, Optional<ParticipantId> entityId) {
        this(principal, entityId, Optional.empty());
    }

    public static Caller of(Principal principal) {
        return new Caller(principal, Optional.empty());
    }

    /** This caller, with its key's participant as authentication read it. */
    public Caller authenticatedAs(Participant participant) {
        return new Caller(principal, entityId, Optional.of(participant));
    }

    public Mode mode() {
        return principal.mode();
    }

    /** Names the authenticated participant by id only: its details (e-mail, contact) stay out of logs. */
    @Override
    public String toString() {
        return "Caller[principal=" + principal + ", entityId=" + entityId + ", authenticated="
                + authenticated.map(p -> p.id().value() + "@v" + p.version()).orElse("-") + "]";
    }
}
