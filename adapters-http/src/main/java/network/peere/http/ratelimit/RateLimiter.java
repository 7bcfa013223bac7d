package network.peere.http.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Objects;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.ratelimit.EffectiveRateLimits;
import network.peere.core.domain.ratelimit.RateClass;
import network.peere.core.domain.ratelimit.RateLimit;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.ratelimit.ResolveRateLimits;

/**
 * Token buckets per API key and rate class, in this process's memory (Bucket4j). Each bucket holds two limits: the
 * class's per-minute rate, refilled smoothly over a minute, and its burst, refilled over a second; a request takes
 * one token from both. With several server processes each keeps its own buckets, so a key's effective limit is up to
 * N times the configured one (docs/api.md says so).
 */
public final class RateLimiter {
    /** How long a participant's resolved limits are reused; a change made through another process lands within it. */
    public static final Duration LIMITS_CACHE_TTL = Duration.ofSeconds(30);

    /** An idle bucket refills completely within a minute, so dropping it after longer loses nothing. */
    public static final Duration IDLE_BUCKET_EXPIRY = Duration.ofMinutes(2);

    /** Bounds memory (a few hundred bytes each); past it the least recently used buckets go first. */
    public static final long BUCKETS_MAX = 200_000;

    public static final long CACHED_PARTICIPANTS_MAX = 50_000;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** A monotonic time source in nanoseconds; {@code System::nanoTime} in production, a fake in tests. */
    @FunctionalInterface
    public interface NanoTime {
        long nanoTime();

        static NanoTime system() {
            return System::nanoTime;
        }

        /** Bucket4j's view of this time (monotonic, not wall-clock based). */
        default TimeMeter timeMeter() {
            NanoTime time = this;
            return new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return time.nanoTime();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            };
        }

        /**
         * Buckets by key on this time, dropped when idle. Maintenance runs on the calling thread: cheap, and expiry
         * then follows the injected time in tests.
         */
        default <K> Cache<K, Bucket> bucketCache(long maximumSize) {
            return Caffeine.newBuilder()
                    .ticker(this::nanoTime)
                    .executor(Runnable::run)
                    .expireAfterAccess(IDLE_BUCKET_EXPIRY)
                    .maximumSize(maximumSize)
                    .build();
        }
    }

    /** The answer for one request; both kinds carry what the {@code X-RateLimit-*} headers show. */
    public sealed interface Decision {
        RateClass rateClass();

        RateLimit limit();

        /** Requests the key may still send right now in this class (the smaller of the two limits' tokens). */
        long remaining();

        /** Whole seconds until both limits are full again. */
        long resetSeconds();

        record Allowed(RateClass rateClass, RateLimit limit, long remaining, long resetSeconds) implements Decision {}

        record Refused(RateClass rateClass, RateLimit limit, long remaining, long resetSeconds, long retryAfterSeconds)
                implements Decision {}
    }

    /** The limit is part of the key, so a changed limit starts a fresh bucket and the old one simply expires. */
    private record BucketKey(ApiKeyId keyId, RateClass rateClass, RateLimit limit) {}

    private record ParticipantKey(Mode mode, ParticipantId participantId) {}

    private final ResolveRateLimits resolve;
    private final TimeMeter timeMeter;
    private final Cache<BucketKey, Bucket> buckets;
    private final Cache<ParticipantKey, EffectiveRateLimits> limits;

    public RateLimiter(ResolveRateLimits resolve, NanoTime time) {
        this.resolve = Objects.requireNonNull(resolve, "resolve");
        Objects.requireNonNull(time, "time");
        this.timeMeter = time.timeMeter();
        this.buckets = time.bucketCache(BUCKETS_MAX);
        this.limits = Caffeine.newBuilder()
                .ticker(time::nanoTime)
                .executor(Runnable::run)
                .expireAfterWrite(LIMITS_CACHE_TTL)
                .maximumSize(CACHED_PARTICIPANTS_MAX)
                .build();
    }

    /** Takes one token of the class from the key's bucket, or says how long to wait. */
    public Decision tryAcquire(Principal principal, RateClass rateClass) {
        RateLimit limit = limitsOf(principal).of(rateClass);
        Bucket bucket = buckets.get(new BucketKey(principal.keyId(), rateClass, limit), this::newBucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long remaining = Math.max(0, probe.getRemainingTokens());
        long reset = ceilSeconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new Decision.Allowed(rateClass, limit, remaining, reset);
        }
        long retryAfter = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        return new Decision.Refused(rateClass, limit, remaining, reset, retryAfter);
    }

    /** Forget a participant's cached limits after the operator changed them, so this process applies them at once. */
    public void limitsChanged(Mode mode, ParticipantId participantId) {
        limits.invalidate(new ParticipantKey(mode, participantId));
    }

    private EffectiveRateLimits limitsOf(Principal principal) {
        return limits.get(
                new ParticipantKey(principal.mode(), principal.participantId()),
                key -> switch (resolve.resolve(key.mode(), key.participantId())) {
                    case ResolveRateLimits.Resolution.Resolved resolved -> resolved.limits();
                    case ResolveRateLimits.Resolution.Rejected rejected ->
                        // The key authenticated a moment ago and participants are never deleted.
                        throw new IllegalStateException("no rate limits for authenticated participant "
                                + key.participantId() + ": " + rejected.reason());
                });
    }

    private Bucket newBucket(BucketKey key) {
        return newBucket(key.limit(), timeMeter);
    }

    /** A bucket of the limit's per-minute budget and its per-second burst, on {@code timeMeter}. */
    static Bucket newBucket(RateLimit limit, TimeMeter timeMeter) {
        return Bucket.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit.perMinute()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)))
                .addLimit(bandwidth -> bandwidth
                        .capacity(limit.burstPerSecond())
                        .refillGreedy(limit.burstPerSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(timeMeter)
                .build();
    }

    static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
