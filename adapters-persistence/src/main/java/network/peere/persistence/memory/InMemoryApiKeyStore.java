package network.peere.persistence.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.KeyHash;
import network.peere.core.domain.participant.KeyOwner;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.ApiKeyStore;

/** API keys in two maps, behaving as the {@code api_keys} table does: ids and hashes are each unique. */
final class InMemoryApiKeyStore implements ApiKeyStore {
    private static final Comparator<ApiKey> NEWEST_FIRST = Comparator.comparing(ApiKey::createdAt)
            .thenComparing(key -> key.id().value())
            .reversed();

    private final InMemoryTransactor transactor;

    /** Both guarded by the transactor. */
    private final Map<ApiKeyId, ApiKey> byId = new HashMap<>();

    private final Map<String, ApiKeyId> idByHash = new HashMap<>();

    /** How the store reads a key's owner, as the SQL store joins participants. */
    private final java.util.function.BiFunction<Mode, ParticipantId, Optional<Participant>> participants;

    InMemoryApiKeyStore(
            InMemoryTransactor transactor,
            java.util.function.BiFunction<Mode, ParticipantId, Optional<Participant>> participants) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.participants = Objects.requireNonNull(participants, "participants");
    }

    @Override
    public void insert(ApiKey key) {
        ApiKey row = new ApiKey(
                key.id(),
                key.participantId(),
                key.mode(),
                key.hash(),
                key.hint(),
                key.label(),
                Micros.truncate(key.createdAt()),
                key.revokedAt().map(Micros::truncate));
        transactor.useTransaction(() -> {
            if (byId.containsKey(row.id())) {
                throw new IllegalStateException("duplicate api key id " + row.id());
            }
            if (idByHash.containsKey(row.hash().hex())) {
                throw new IllegalStateException("duplicate api key hash (key " + row.id() + ")");
            }
            byId.put(row.id(), row);
            idByHash.put(row.hash().hex(), row.id());
            transactor.onRollback(() -> {
                byId.remove(row.id());
                idByHash.remove(row.hash().hex());
            });
        });
    }

    @Override
    public Optional<ApiKey> findByHash(Mode mode, KeyHash hash) {
        return transactor.inTransaction(() ->
                Optional.ofNullable(idByHash.get(hash.hex())).map(byId::get).filter(key -> key.mode() == mode));
    }

    @Override
    public Optional<KeyOwner> findWithOwner(Mode mode, KeyHash hash) {
        return transactor.inTransaction(() -> findByHash(mode, hash)
                .flatMap(key -> participants.apply(mode, key.participantId()).map(owner -> new KeyOwner(key, owner))));
    }

    @Override
    public Optional<ApiKey> find(Mode mode, ParticipantId owner, ApiKeyId id) {
        return transactor.inTransaction(() -> Optional.ofNullable(byId.get(id))
                .filter(key -> key.mode() == mode && key.participantId().equals(owner)));
    }

    @Override
    public List<ApiKey> listFor(Mode mode, ParticipantId owner) {
        return transactor.inTransaction(() -> byId.values().stream()
                .filter(key -> key.mode() == mode && key.participantId().equals(owner))
                .sorted(NEWEST_FIRST)
                .toList());
    }

    @Override
    public boolean revoke(Mode mode, ParticipantId owner, ApiKeyId id, Instant now) {
        return transactor.inTransaction(() -> {
            Optional<ApiKey> active = find(mode, owner, id).filter(key -> !key.isRevoked());
            active.ifPresent(key -> {
                byId.put(id, key.revoke(Micros.truncate(now)));
                transactor.onRollback(() -> byId.put(id, key));
            });
            return active.isPresent();
        });
    }
}
