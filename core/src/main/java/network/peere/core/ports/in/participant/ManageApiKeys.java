package network.peere.core.ports.in.participant;

import java.util.List;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ApiKeySecret;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * Issue, list and revoke a participant's API keys. A participant may hold several keys so it can rotate: issue a new
 * one, deploy it, then revoke the old one.
 */
public interface ManageApiKeys {
    Issue issue(Mode mode, ParticipantId owner, String label, Actor actor);

    List<ApiKey> list(Mode mode, ParticipantId owner);

    Revocation revoke(Mode mode, ParticipantId owner, ApiKeyId keyId, Actor actor);

    sealed interface Issue {
        /** The secret is shown to the caller once and never stored. */
        record Issued(ApiKey key, ApiKeySecret secret) implements Issue {}

        record OwnerNotFound() implements Issue {}
    }

    sealed interface Revocation {
        record Revoked(ApiKey key) implements Revocation {}

        record Rejected(RevocationRejection reason) implements Revocation {}
    }

    /** In precedence order. */
    enum RevocationRejection {
        KEY_NOT_FOUND,
        ALREADY_REVOKED
    }
}
