package network.peere.core.domain.ratelimit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's limits for one participant, for one or more classes; they replace the computed (default × trust)
 * limits of the classes they name. "No override" is the absence of one, never an empty override.
 */
public record RateLimitOverride(Map<RateClass, RateLimit> byClass) {
    public RateLimitOverride {
        Objects.requireNonNull(byClass, "byClass");
        if (byClass.isEmpty()) {
            throw new IllegalArgumentException("an override names at least one rate class");
        }
        byClass.forEach((rateClass, limit) -> {
            Objects.requireNonNull(rateClass, "rateClass");
            Objects.requireNonNull(limit, "limit");
        });
        byClass = Collections.unmodifiableMap(new EnumMap<>(byClass));
    }

    public Optional<RateLimit> of(RateClass rateClass) {
        return Optional.ofNullable(byClass.get(rateClass));
    }

    public boolean names(RateClass rateClass) {
        return byClass.containsKey(rateClass);
    }
}
