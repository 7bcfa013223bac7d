package network.peere.core.domain.webhook;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The retry schedule of each event type; types not named use {@code fallback}. */
public record RetrySchedules(RetrySchedule fallback, Map<EventType, RetrySchedule> byType) {
    public RetrySchedules {
        Objects.requireNonNull(fallback, "fallback");
        byType = byType.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byType));
    }

    public static RetrySchedules standard() {
        return new RetrySchedules(RetrySchedule.STANDARD, Map.of());
    }

    public RetrySchedule forType(EventType type) {
        return byType.getOrDefault(type, fallback);
    }
}
