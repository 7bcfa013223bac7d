package network.peere.core.services.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import network.peere.core.domain.idempotency.IdempotencyRecord;
import network.peere.core.domain.idempotency.StoredResponse;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.ports.in.idempotency.RunIdempotently;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdempotencyStore;
import network.peere.core.ports.out.PeereStores;

public final class IdempotencyService implements RunIdempotently {
    /** decisions.md: keys are kept 24 h. */
    public static final Duration RETENTION = Duration.ofHours(24);

    /**
     * A claim can fail when a concurrent first use committed (then we replay) or an expired record was in the way (then
     * we removed it): two more attempts settle that. Claims of one key racing a removed row (an expired key replaced,
     * a claim rolled back) can also deadlock on MariaDB, and the one the database gives up starts again: a few more.
     */
    private static final int ATTEMPTS_MAX = 8;

    private final PeereStores stores;
    private final Clock clock;

    public IdempotencyService(PeereStores stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome run(Request request, Supplier<StoredResponse> work) {
        for (int attempt = 1; attempt <= ATTEMPTS_MAX; attempt++) {
            Optional<Outcome> outcome;
            try {
                outcome = stores.transactor().inTransaction(() -> attempt(request, work));
            } catch (IdempotencyStore.ClaimRaced raced) {
                // The database rolled the attempt back before any work ran (the claim comes first): run it again.
                continue;
            }
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        throw new IllegalStateException("idempotency key could neither be claimed nor replayed");
    }

    @Override
    public Outcome runThenRecord(Request request, Supplier<StoredResponse> work) {
        for (int attempt = 1; attempt <= ATTEMPTS_MAX; attempt++) {
            Optional<Outcome> recorded;
            try {
                recorded = stores.transactor()
                        .inTransaction(() -> stores.idempotency()
                                .find(request.key())
                                .flatMap(existing -> replayOrRefuse(request, existing, clock.now())));
            } catch (IdempotencyStore.ClaimRaced raced) {
                continue;
            }
            if (recorded.isPresent()) {
                return recorded.get();
            }
            StoredResponse response = work.get();
            try {
                stores.transactor().inTransaction(() -> {
                    Instant now = clock.now();
                    var claim = IdempotencyRecord.claim(request.key(), request.fingerprint(), now, now.plus(RETENTION));
                    if (stores.idempotency().claim(claim)) {
                        stores.idempotency().complete(request.key(), response);
                    }
                    return null;
                });
            } catch (IdempotencyStore.ClaimRaced raced) {
                // A first use racing this one recorded its response; this one ran too, as the work allows.
            }
            return new Outcome.Executed(response);
        }
        throw new IllegalStateException("idempotency key could neither be looked up nor replayed");
    }

    /** One transaction: replay a recorded key, or claim it, do the work and store its response with the effect. */
    private Optional<Outcome> attempt(Request request, Supplier<StoredResponse> work) {
        Instant now = clock.now();
        Optional<IdempotencyRecord> existing = stores.idempotency().find(request.key());
        if (existing.isPresent()) {
            return replayOrRefuse(request, existing.get(), now);
        }
        // Claim before working: a concurrent first use of the same key blocks on the unique index here until this
        // transaction ends, and then replays what we stored, so the work runs once.
        var claim = IdempotencyRecord.claim(request.key(), request.fingerprint(), now, now.plus(RETENTION));
        if (!stores.idempotency().claim(claim)) {
            return Optional.empty();
        }
        StoredResponse response = work.get();
        stores.idempotency().complete(request.key(), response);
        return Optional.of(new Outcome.Executed(response));
    }

    private Optional<Outcome> replayOrRefuse(Request request, IdempotencyRecord record, Instant now) {
        Invariants.check(record.key().equals(request.key()), "the store returned another participant's key");
        if (record.isExpiredAt(now)) {
            stores.idempotency().deleteIfExpired(request.key(), now);
            return Optional.empty();
        }
        if (!record.requestFingerprint().equals(request.fingerprint())) {
            return Optional.of(new Outcome.KeyReused());
        }
        StoredResponse response = record.response()
                .orElseThrow(() -> new IllegalStateException("a committed idempotency record has no response"));
        return Optional.of(new Outcome.Replayed(response));
    }

    @Override
    public int purgeExpired(int limit) {
        return stores.transactor().inTransaction(() -> stores.idempotency().purgeExpired(clock.now(), limit));
    }
}
