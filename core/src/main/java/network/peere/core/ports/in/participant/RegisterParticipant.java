package network.peere.core.ports.in.participant;

import java.util.Objects;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;

/** The operator brings a bank, provider, merchant or another operator onto the network, in one mode. */
public interface RegisterParticipant {
    Registration register(Command command);

    record Command(Mode mode, String name, String email, Profile profile, Actor actor) {
        public Command {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(profile, "profile");
            if (!Participant.isValidName(name)) {
                throw new IllegalArgumentException("invalid name");
            }
            if (!Participant.isValidEmail(email)) {
                throw new IllegalArgumentException("invalid email");
            }
        }
    }

    sealed interface Registration {
        record Registered(Participant participant) implements Registration {}

        record Rejected(Rejection reason) implements Registration {}
    }

    /** In precedence order: the first failing check decides. */
    enum Rejection {
        /** The merchant's providerId names no provider in this mode. */
        PROVIDER_NOT_FOUND,
        /** The provider exists but is suspended and cannot take on merchants. */
        PROVIDER_SUSPENDED
    }
}
