package network.peere.core.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed delivery again: exponential backoff from {@code firstDelay}, doubling up to {@code maxDelay},
 * each delay jittered by ±{@value #JITTER_PERCENT}% so receivers coming back from an outage are not hit by every
 * sender at once; a receiver's {@code Retry-After} is honoured when longer (up to {@code maxDelay}). No attempt is
 * planned past {@code giveUpAfter} from the delivery's creation: the last one falls exactly at that deadline, and a
 * failure then exhausts the delivery.
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
    public static final int JITTER_PERCENT = 20;
    /** A bound on attempts whatever the durations, so a misconfigured schedule cannot retry forever. */
    public static final int ATTEMPTS_MAX = 100;

    public static final RetrySchedule STANDARD =
            new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(12), Duration.ofDays(5));

    public RetrySchedule {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("0 < firstDelay <= maxDelay");
        }
        if (giveUpAfter.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("giveUpAfter must be at least firstDelay");
        }
    }

    /**
     * @param attemptsMade failed attempts so far, this one included (1 after the first)
     * @param jitter uniformly random in [0, 1)
     * @return when to try next, or empty when the delivery is exhausted
     */
    public Optional<Instant> next(
            int attemptsMade, Instant createdAt, Instant now, Optional<Duration> retryAfter, double jitter) {
        Instant deadline = createdAt.plus(giveUpAfter);
        if (attemptsMade >= ATTEMPTS_MAX || !now.isBefore(deadline)) {
            return Optional.empty();
        }
        Duration delay = backoff(attemptsMade, jitter);
        if (retryAfter.isPresent()) {
            // Capped at maxDelay, and only ever lengthening: a receiver's hint never makes us retry sooner.
            Duration honoured = retryAfter.get().compareTo(maxDelay) > 0 ? maxDelay : retryAfter.get();
            if (honoured.compareTo(delay) > 0) {
                delay = honoured;
            }
        }
        Instant next = now.plus(delay);
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }

    /** The jittered delay after the {@code attemptsMade}-th failure. */
    public Duration backoff(int attemptsMade, double jitter) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is in [0, 1)");
        }
        Duration delay = maxDelay;
        int doublings = attemptsMade - 1;
        if (doublings < 62 && firstDelay.toMillis() <= (maxDelay.toMillis() >> doublings)) {
            delay = firstDelay.multipliedBy(1L << doublings);
        }
        double factor = 1 + (2 * jitter - 1) * JITTER_PERCENT / 100.0;
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }
}
