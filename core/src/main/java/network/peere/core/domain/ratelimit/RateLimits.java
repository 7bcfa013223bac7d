package network.peere.core.domain.ratelimit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** One {@link RateLimit} for every {@link RateClass}: what a participant's keys may send. */
public record RateLimits(Map<RateClass, RateLimit> byClass) {
    /** The documented defaults (public API docs, "Rate limits"). */
    private static final RateLimits DEFAULTS = new RateLimits(Map.of(
            RateClass.STANDARD, new RateLimit(100, 10),
            RateClass.BATCH, new RateLimit(10, 2),
            RateClass.READ, new RateLimit(300, 30)));

    public RateLimits {
        Objects.requireNonNull(byClass, "byClass");
        for (RateClass rateClass : RateClass.values()) {
            Objects.requireNonNull(byClass.get(rateClass), () -> "no rate limit for " + rateClass);
        }
        byClass = Collections.unmodifiableMap(new EnumMap<>(byClass));
    }

    public static RateLimits defaults() {
        return DEFAULTS;
    }

    public RateLimit of(RateClass rateClass) {
        return byClass.get(rateClass);
    }

    public RateLimits times(int factor) {
        var scaled = new EnumMap<RateClass, RateLimit>(RateClass.class);
        byClass.forEach((rateClass, limit) -> scaled.put(rateClass, limit.times(factor)));
        return new RateLimits(scaled);
    }

    /** The override's limits for the classes it names; these limits for the others. */
    public RateLimits overriddenBy(RateLimitOverride override) {
        var merged = new EnumMap<RateClass, RateLimit>(byClass);
        merged.putAll(override.byClass());
        return new RateLimits(merged);
    }
}
