package network.peere.persistence.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.RateLimitOverride;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.RateLimitOverrideStore;

/** Overrides in a map keyed by mode and participant, as the table's primary key is. */
final class InMemoryRateLimitOverrideStore implements RateLimitOverrideStore {
    private record Key(Mode mode, ParticipantId participantId) {}

    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<Key, RateLimitOverride> rows = new HashMap<>();

    InMemoryRateLimitOverrideStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public Optional<RateLimitOverride> find(Mode mode, ParticipantId participantId) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(new Key(mode, participantId))));
    }

    @Override
    public void save(Mode mode, ParticipantId participantId, RateLimitOverride override) {
        Objects.requireNonNull(override, "override");
        var key = new Key(mode, participantId);
        transactor.useTransaction(() -> {
            RateLimitOverride before = rows.put(key, override);
            transactor.onRollback(() -> restore(key, before));
        });
    }

    @Override
    public boolean clear(Mode mode, ParticipantId participantId) {
        var key = new Key(mode, participantId);
        return transactor.inTransaction(() -> {
            RateLimitOverride before = rows.remove(key);
            transactor.onRollback(() -> restore(key, before));
            return before != null;
        });
    }

    private void restore(Key key, RateLimitOverride before) {
        if (before == null) {
            rows.remove(key);
        } else {
            rows.put(key, before);
        }
    }
}
