package network.peere.core.ports.in.idempotency;

import java.util.Objects;
import java.util.function.Supplier;
import network.peere.core.domain.idempotency.IdempotencyKey;
import network.peere.core.domain.idempotency.StoredResponse;

/**
 * Runs a request's work at most once per idempotency key: the first request with a key does the work and its response
 * is stored in the same transaction; later requests with the same key and the same request get that response again;
 * the same key with a different request is refused. A concurrent duplicate waits for the first and then replays.
 *
 * <p>{@link #run} opens its own transaction and must not be called inside one: when two claims of a key deadlock, the
 * database rolls back the transaction of the one it gives up, and {@code run} starts that attempt again.
 */
public interface RunIdempotently {
    Outcome run(Request request, Supplier<StoredResponse> work);

    /**
     * For work that commits in transactions of its own (a batch of bank answers, each batch of approvals in one):
     * replays a recorded key, refuses one recorded for another request, or else runs the work outside any transaction
     * and then records its response. The work must be safe to run twice, each of its effects taking place at most
     * once: two first uses racing with one key both run it, and the first to record is what later uses replay. Work
     * that fails records nothing, though what it committed stays.
     */
    Outcome runThenRecord(Request request, Supplier<StoredResponse> work);

    /** {@code fingerprint} identifies the request (method, path, canonical body) — equal means "the same request". */
    record Request(IdempotencyKey key, String fingerprint) {
        public Request {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    sealed interface Outcome {
        /** The work ran now, and its response is stored. */
        record Executed(StoredResponse response) implements Outcome {}

        /** The work ran before; this is the response it got then. */
        record Replayed(StoredResponse response) implements Outcome {}

        /** The key was used for a different request. */
        record KeyReused() implements Outcome {}
    }

    /** Forgets keys older than their retention; returns how many went. Called by a background job. */
    int purgeExpired(int limit);
}
