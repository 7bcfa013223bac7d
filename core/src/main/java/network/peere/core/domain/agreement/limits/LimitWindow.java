package network.peere.core.domain.agreement.limits;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * The calendar window [start, end) of a limit around an instant, in the bank's time zone. Boundaries are local
 * midnights turned into instants with the zone's rules, so a day across a DST change is 23 or 25 hours long and a
 * midnight that does not exist starts at the first valid instant of that date.
 */
public record LimitWindow(Instant start, Instant end) {
    public LimitWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a window ends after it starts");
        }
    }

    /** The window of {@code kind} that contains {@code at}; empty for {@link LimitKind#SINGLE}, which has none. */
    public static Optional<LimitWindow> of(LimitKind kind, Instant at, ZoneId zone) {
        LocalDate today = at.atZone(zone).toLocalDate();
        return switch (kind) {
            case SINGLE -> Optional.empty();
            case DAILY -> Optional.of(between(today, today.plusDays(1), zone));
            case WEEKLY -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield Optional.of(between(monday, monday.plusWeeks(1), zone));
            }
            case MONTHLY -> {
                LocalDate first = today.withDayOfMonth(1);
                yield Optional.of(between(first, first.plusMonths(1), zone));
            }
        };
    }

    private static LimitWindow between(LocalDate from, LocalDate until, ZoneId zone) {
        return new LimitWindow(
                from.atStartOfDay(zone).toInstant(), until.atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
