package network.peere.core.domain.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The period arithmetic: every due date comes from the anchor, in the bank's zone, keeping the anchor day. */
class CadenceProperties {
    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");

    @Provide
    Arbitrary<Instant> anchors() {
        return Arbitraries.longs()
                .between(
                        Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2060-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(
                LAGOS, ZoneId.of("Europe/London"), ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"));
    }

    @Provide
    Arbitrary<Frequency> monthBased() {
        return Arbitraries.of(Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY);
    }

    @Property
    void a_month_based_period_keeps_the_anchor_day_or_the_last_day_of_a_shorter_month(
            @ForAll("anchors") Instant anchor,
            @ForAll("zones") ZoneId zone,
            @ForAll("monthBased") Frequency frequency,
            @ForAll @IntRange(min = 1, max = 4) int interval,
            @ForAll @LongRange(min = 0, max = 120) long n) {
        LocalDate start = anchor.atZone(zone).toLocalDate();
        LocalDate due = new Cadence(frequency, interval)
                .due(anchor, zone, n)
                .atZone(zone)
                .toLocalDate();
        int monthsPerPeriod = switch (frequency) {
            case MONTHLY -> 1;
            case QUARTERLY -> 3;
            case HALF_YEARLY -> 6;
            default -> 12;
        };
        YearMonth expectedMonth = YearMonth.from(start).plusMonths(n * interval * monthsPerPeriod);

        assertThat(YearMonth.from(due)).isEqualTo(expectedMonth);
        assertThat(due.getDayOfMonth()).isEqualTo(Math.min(start.getDayOfMonth(), expectedMonth.lengthOfMonth()));
    }

    @Property
    void monthly_times_three_is_quarterly_and_times_twelve_is_yearly(
            @ForAll("anchors") Instant anchor, @ForAll("zones") ZoneId zone, @ForAll @LongRange(max = 80) long n) {
        assertThat(new Cadence(Frequency.MONTHLY, 3).due(anchor, zone, n))
                .isEqualTo(new Cadence(Frequency.QUARTERLY, 1).due(anchor, zone, n));
        assertThat(new Cadence(Frequency.MONTHLY, 6).due(anchor, zone, n))
                .isEqualTo(new Cadence(Frequency.HALF_YEARLY, 1).due(anchor, zone, n));
        assertThat(new Cadence(Frequency.MONTHLY, 12).due(anchor, zone, n))
                .isEqualTo(new Cadence(Frequency.YEARLY, 1).due(anchor, zone, n));
    }

    @Property
    void days_and_weeks_keep_the_local_time_of_day_and_count_whole_local_days(
            @ForAll("anchors") Instant anchor,
            @ForAll("zones") ZoneId zone,
            @ForAll @IntRange(min = 1, max = 30) int interval,
            @ForAll @LongRange(max = 400) long n) {
        LocalDateTime start = anchor.atZone(zone).toLocalDateTime();
        ZonedDateTime daily =
                new Cadence(Frequency.DAILY, interval).due(anchor, zone, n).atZone(zone);
        ZonedDateTime weekly =
                new Cadence(Frequency.WEEKLY, interval).due(anchor, zone, n).atZone(zone);

        assertThat(ChronoUnit.DAYS.between(start.toLocalDate(), daily.toLocalDate()))
                .isEqualTo(n * interval);
        assertThat(ChronoUnit.DAYS.between(start.toLocalDate(), weekly.toLocalDate()))
                .isEqualTo(7 * n * interval);
        // A local time a DST change skips moves forward by the gap; otherwise it is the anchor's.
        LocalDateTime expected = start.plusDays(n * interval);
        assertThat(zone.getRules().getValidOffsets(expected).isEmpty()
                        || daily.toLocalDateTime().equals(expected))
                .isTrue();
    }

    @Property
    void periods_strictly_increase(
            @ForAll("anchors") Instant anchor,
            @ForAll("zones") ZoneId zone,
            @ForAll Frequency frequency,
            @ForAll @IntRange(min = 1, max = 12) int interval,
            @ForAll @LongRange(max = 200) long n) {
        var cadence = new Cadence(frequency, interval);

        assertThat(cadence.due(anchor, zone, n + 1)).isAfter(cadence.due(anchor, zone, n));
    }

    @Property
    void the_first_period_due_from_an_instant_is_the_earliest_not_before_it(
            @ForAll("anchors") Instant anchor,
            @ForAll Frequency frequency,
            @ForAll @LongRange(max = 3_000) long daysLater) {
        var cadence = new Cadence(frequency, 1);
        Instant at = anchor.plus(daysLater, ChronoUnit.DAYS).plusSeconds(1);

        long n = cadence.firstPeriodDueFrom(anchor, LAGOS, 0, at);

        assertThat(cadence.due(anchor, LAGOS, n)).isAfterOrEqualTo(at);
        assertThat(n == 0 || cadence.due(anchor, LAGOS, n - 1).isBefore(at)).isTrue();
    }
}
