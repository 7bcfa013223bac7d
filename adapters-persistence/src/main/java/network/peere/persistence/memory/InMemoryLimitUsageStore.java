package network.peere.persistence.memory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.LimitUsageStore;

/** Limit usage in a map; transactions are serialised by the transactor, so reservations never race. */
final class InMemoryLimitUsageStore implements LimitUsageStore {
    private record Key(Mode mode, String agreementId, LimitKind kind, java.time.Instant windowStart) {}

    private final InMemoryTransactor transactor;

    /** Minor units used per window; guarded by the transactor. */
    private final Map<Key, Long> used = new HashMap<>();

    InMemoryLimitUsageStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    private static Key key(Mode mode, String agreementId, WindowReservation window) {
        return new Key(mode, agreementId, window.kind(), Micros.truncate(window.windowStart()));
    }

    @Override
    public boolean reserve(Mode mode, String agreementId, List<WindowReservation> reservations) {
        return transactor.inTransaction(() -> {
            for (WindowReservation r : reservations) {
                long now = used.getOrDefault(key(mode, agreementId, r), 0L);
                if (now + r.amount().minor() > r.cap().minor()) {
                    return false;
                }
            }
            List<Runnable> undo = new ArrayList<>();
            for (WindowReservation r : reservations) {
                Key key = key(mode, agreementId, r);
                Long before = used.get(key);
                used.merge(key, r.amount().minor(), Math::addExact);
                undo.add(() -> restore(key, before));
            }
            undo.forEach(transactor::onRollback);
            return true;
        });
    }

    @Override
    public void release(Mode mode, String agreementId, List<WindowReservation> reservations) {
        transactor.useTransaction(() -> {
            for (WindowReservation r : reservations) {
                Key key = key(mode, agreementId, r);
                long now = used.getOrDefault(key, 0L);
                if (now < r.amount().minor()) {
                    throw new IllegalStateException("releasing more than was reserved in " + r.kind());
                }
                used.put(key, now - r.amount().minor());
                transactor.onRollback(() -> used.put(key, now));
            }
        });
    }

    private void restore(Key key, Long before) {
        if (before == null) {
            used.remove(key);
        } else {
            used.put(key, before);
        }
    }

    @Override
    public Map<LimitKind, Money> used(Mode mode, String agreementId, List<WindowReservation> windows) {
        return transactor.inTransaction(() -> {
            Map<LimitKind, Money> result = new EnumMap<>(LimitKind.class);
            for (WindowReservation w : windows) {
                Long minor = used.get(key(mode, agreementId, w));
                if (minor != null) {
                    result.put(w.kind(), new Money(minor, w.cap().currency()));
                }
            }
            return result;
        });
    }
}
