package network.peere.app.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import network.peere.core.ports.out.Clock;

/** A clock the test moves: it stands still until told, so retries days apart run in milliseconds. */
public final class TestClock implements Clock {
    private final AtomicReference<Instant> now;

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public void set(Instant instant) {
        now.updateAndGet(current -> instant.isAfter(current) ? instant.truncatedTo(ChronoUnit.MICROS) : current);
    }

    public void advance(Duration by) {
        now.updateAndGet(current -> current.plus(by));
    }
}
