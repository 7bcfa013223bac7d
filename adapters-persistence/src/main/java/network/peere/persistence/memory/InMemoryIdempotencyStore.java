package network.peere.persistence.memory;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.idempotency.IdempotencyKey;
import network.peere.core.domain.idempotency.IdempotencyRecord;
import network.peere.core.domain.idempotency.StoredResponse;
import network.peere.core.ports.out.IdempotencyStore;

/** Idempotency keys in a map; transactions are serialised by the transactor, so a claim never races. */
final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<IdempotencyKey, IdempotencyRecord> records = new HashMap<>();

    InMemoryIdempotencyStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public boolean claim(IdempotencyRecord claim) {
        var row = new IdempotencyRecord(
                claim.key(),
                claim.requestFingerprint(),
                claim.response(),
                Micros.truncate(claim.createdAt()),
                Micros.truncate(claim.expiresAt()));
        return transactor.inTransaction(() -> {
            if (records.containsKey(row.key())) {
                return false;
            }
            records.put(row.key(), row);
            transactor.onRollback(() -> records.remove(row.key()));
            return true;
        });
    }

    @Override
    public void complete(IdempotencyKey key, StoredResponse response) {
        transactor.useTransaction(() -> {
            IdempotencyRecord claimed = records.get(key);
            if (claimed == null || claimed.response().isPresent()) {
                throw new IllegalStateException(
                        "completing an idempotency key that was not claimed in this transaction");
            }
            records.put(
                    key,
                    new IdempotencyRecord(
                            key,
                            claimed.requestFingerprint(),
                            Optional.of(response),
                            claimed.createdAt(),
                            claimed.expiresAt()));
            transactor.onRollback(() -> records.put(key, claimed));
        });
    }

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key) {
        return transactor.inTransaction(() -> Optional.ofNullable(records.get(key)));
    }

    @Override
    public boolean deleteIfExpired(IdempotencyKey key, Instant now) {
        return transactor.inTransaction(() -> {
            IdempotencyRecord record = records.get(key);
            if (record == null || !record.isExpiredAt(now)) {
                return false;
            }
            records.remove(key);
            transactor.onRollback(() -> records.put(key, record));
            return true;
        });
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return transactor.inTransaction(() -> {
            List<IdempotencyKey> expired = records.values().stream()
                    .filter(r -> r.isExpiredAt(now))
                    .map(IdempotencyRecord::key)
                    .limit(limit)
                    .toList();
            expired.forEach(key -> deleteIfExpired(key, now));
            return expired.size();
        });
    }
}
