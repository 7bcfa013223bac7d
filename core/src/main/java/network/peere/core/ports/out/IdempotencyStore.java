package network.peere.core.ports.out;

import java.time.Instant;
import java.util.Optional;
import network.peere.core.domain.idempotency.IdempotencyKey;
import network.peere.core.domain.idempotency.IdempotencyRecord;
import network.peere.core.domain.idempotency.StoredResponse;

/**
 * Used idempotency keys, unique per (mode, participant, key). Every method joins the caller's transaction. {@link
 * #claim} must be backed by a unique index: a concurrent claim of the same key waits for the first transaction and
 * then fails, which is what turns a concurrent duplicate into a replay instead of a second effect.
 */
public interface IdempotencyStore {
    /**
     * Records a first use (with no response yet).
     *
     * @return false when the key is already recorded (committed by another transaction)
     */
    boolean claim(IdempotencyRecord claim);

    /** Stores the response of a key claimed in this transaction. */
    void complete(IdempotencyKey key, StoredResponse response);

    Optional<IdempotencyRecord> find(IdempotencyKey key);

    /** Deletes the record only if it has expired by {@code now}; returns whether it did. */
    boolean deleteIfExpired(IdempotencyKey key, Instant now);

    /** Deletes up to {@code limit} records expired by {@code now}, across participants; returns how many. */
    int purgeExpired(Instant now, int limit);
}
