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
     * @throws ClaimRaced when the database gave up this claim to break a deadlock with another claim of the same key
     */
    boolean claim(IdempotencyRecord claim);

    /**
     * Two claims of one key met a row being removed (an expired key replaced, or a claim rolled back) and the database
     * chose this one to break their deadlock: it rolled back the whole transaction, which the caller must run again.
     */
    final class ClaimRaced extends RuntimeException {
        public ClaimRaced(Throwable cause) {
            super("the database rolled back a claim that deadlocked with another claim of the same key", cause);
        }
    }

    /** Stores the response of a key claimed in this transaction. */
    void complete(IdempotencyKey key, StoredResponse response);

    Optional<IdempotencyRecord> find(IdempotencyKey key);

    /**
     * Deletes the record only if it has expired by {@code now}; returns whether it did.
     *
     * @throws ClaimRaced as {@link #claim}, when the removal deadlocked with a claim of the same key
     */
    boolean deleteIfExpired(IdempotencyKey key, Instant now);

    /** Deletes up to {@code limit} records expired by {@code now}, across participants; returns how many. */
    int purgeExpired(Instant now, int limit);
}
