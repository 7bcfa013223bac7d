package network.peere.core.ports.in.participant;

import network.peere.core.domain.participant.Principal;

/** Turns a presented bearer key into the calling participant, or says why not. */
public interface AuthenticateApiKey {
    Authentication authenticate(String presentedKey);

    sealed interface Authentication {
        record Authenticated(Principal principal) implements Authentication {}

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
