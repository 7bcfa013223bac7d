package network.peere.core.ports.in.participant;

import java.util.Objects;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Principal;

/** Turns a presented bearer key into the calling participant, or says why not. */
public interface AuthenticateApiKey {
    Authentication authenticate(String presentedKey);

    sealed interface Authentication {
        /**
         * The caller, and its participant as read with the key (for paths that check its version again before relying
         * on it; see {@link network.peere.core.ports.in.billing.Caller}).
         */
        record Authenticated(Principal principal, Participant participant) implements Authentication {
            public Authenticated {
                Objects.requireNonNull(principal, "principal");
                Objects.requireNonNull(participant, "participant");
                if (!principal.isOf(participant)) {
                    throw new IllegalArgumentException("the participant is not the principal's");
                }
            }
        }

        record Rejected(Rejection reason) implements Authentication {}
    }

    /** In precedence order. */
    enum Rejection {
        /** Not shaped like an sk_test_ / sk_live_ key. */
        MALFORMED_KEY,
        /** Well-formed, but no such key in that mode. */
        UNKNOWN_KEY,
        REVOKED_KEY,
        PARTICIPANT_SUSPENDED
    }
}
