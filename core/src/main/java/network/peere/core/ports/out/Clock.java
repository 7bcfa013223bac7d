package network.peere.core.ports.out;

import java.time.Instant;

/** The time, as the core may read it. Tests pass a fixed or stepping clock; the server passes the system clock. */
@FunctionalInterface
public interface Clock {
    Instant now();

    static Clock of(java.time.Clock clock) {
        return clock::instant;
    }
}
