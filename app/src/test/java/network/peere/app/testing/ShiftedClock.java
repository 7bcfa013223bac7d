package network.peere.app.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import network.peere.core.ports.out.Clock;

/**
 * The system clock plus an offset the test moves forward: time passes as usual, so a simulated bank answers what was
 * sent before now (a {@link TestClock} standing still never lets it), and a test can still jump days ahead.
 */
public final class ShiftedClock implements Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant now() {
        return Instant.now().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset.updateAndGet(current -> current.plus(by));
    }
}
