package network.peere.persistence.memory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The SQL stores keep instants to the microsecond (DATETIME(6)); the in-memory ones do the same, so tests agree. */
final class Micros {
    private Micros() {}

    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
