package network.peere.core.domain.recurring;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A frequency times an interval ({@code monthly} × 3 is quarterly), and the due time of each period from an anchor in
 * the bank's time zone. Period {@code n} is always computed from the anchor ({@code anchor + n × step}), never by
 * adding a step to the previous due date: Jan 31 → Feb 28/29 → Mar 31, not Mar 28. Local times that a DST change
 * skips move forward by the gap, as {@link ZonedDateTime#of} does.
 */
public record Cadence(Frequency frequency, int interval) {
    public static final int INTERVAL_MAX = 366;

    /** Far enough for centuries of daily periods; keeps the arithmetic within {@code LocalDate}'s range. */
    public static final long PERIOD_MAX = 1_000_000;

    public Cadence {
        Objects.requireNonNull(frequency, "frequency");
        if (interval < 1 || interval > INTERVAL_MAX) {
            throw new IllegalArgumentException("an interval is 1-" + INTERVAL_MAX);
        }
    }

    public static Cadence monthly() {
        return new Cadence(Frequency.MONTHLY, 1);
    }

    /** When period {@code n} (0 = the anchor itself) is due. */
    public Instant due(Instant anchor, ZoneId zone, long n) {
        if (n < 0 || n > PERIOD_MAX) {
            throw new IllegalArgumentException("a period is 0-" + PERIOD_MAX);
        }
        LocalDateTime start = anchor.atZone(zone).toLocalDateTime();
        long units = n * interval * frequency.length();
        LocalDateTime local = switch (frequency.unit()) {
            case DAYS -> start.plusDays(units);
            case MONTHS -> start.plusMonths(units);
        };
        return ZonedDateTime.of(local, zone).toInstant();
    }

    /** The first period at or after {@code from} that is due at or after {@code at} (periods skipped while paused). */
    public long firstPeriodDueFrom(Instant anchor, ZoneId zone, long from, Instant at) {
        long n = from;
        while (due(anchor, zone, n).isBefore(at)) {
            n++;
        }
        return n;
    }
}
