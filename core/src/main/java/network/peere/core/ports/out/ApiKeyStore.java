package network.peere.core.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.KeyHash;
import network.peere.core.domain.participant.KeyOwner;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** API keys, stored by hash. Every method is scoped to a mode, and all but authentication to the owner. */
public interface ApiKeyStore {
    void insert(ApiKey key);

    /** Authentication's lookup: the key whose hash this is, in that mode, revoked or not. */
    Optional<ApiKey> findByHash(Mode mode, KeyHash hash);

    /** Authentication's hot path in one round trip: the key whose hash this is, with its owner's role and status. */
    Optional<KeyOwner> findWithOwner(Mode mode, KeyHash hash);

    Optional<ApiKey> find(Mode mode, ParticipantId owner, ApiKeyId id);

    /** Newest first. */
    List<ApiKey> listFor(Mode mode, ParticipantId owner);

    /** @return false when the key does not exist for that owner or was already revoked */
    boolean revoke(Mode mode, ParticipantId owner, ApiKeyId id, Instant now);
}
