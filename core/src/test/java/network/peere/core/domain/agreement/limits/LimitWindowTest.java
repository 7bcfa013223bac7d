package network.peere.core.domain.agreement.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Calendar windows in the bank's zone, across DST changes and odd zones, by property. */
class LimitWindowTest {
    /** 2000-01-01T00:00:00Z and 2040-01-01T00:00:00Z, as annotation constants. */
    private static final long FROM = 946_684_800L;

    private static final long UNTIL = 2_208_988_800L;

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(
                        "UTC",
                        "Africa/Lagos",
                        "Europe/London",
                        "America/New_York",
                        "America/Sao_Paulo",
                        "Australia/Lord_Howe",
                        "Pacific/Apia",
                        "Asia/Kolkata",
                        "Pacific/Chatham")
                .map(ZoneId::of);
    }

    @Provide
    Arbitrary<LimitKind> windowKinds() {
        return Arbitraries.of(LimitKind.DAILY, LimitKind.WEEKLY, LimitKind.MONTHLY);
    }

    @Property
    void the_window_contains_its_instant(
            @ForAll("windowKinds") LimitKind kind,
            @ForAll("zones") ZoneId zone,
            @ForAll @LongRange(min = FROM, max = UNTIL) long epochSecond) {
        Instant at = Instant.ofEpochSecond(epochSecond);
        assertThat(LimitWindow.of(kind, at, zone).orElseThrow().contains(at)).isTrue();
    }

    @Property
    void windows_follow_each_other_without_gap_or_overlap(
            @ForAll("windowKinds") LimitKind kind,
            @ForAll("zones") ZoneId zone,
            @ForAll @LongRange(min = FROM, max = UNTIL) long epochSecond) {
        LimitWindow window =
                LimitWindow.of(kind, Instant.ofEpochSecond(epochSecond), zone).orElseThrow();
        LimitWindow next = LimitWindow.of(kind, window.end(), zone).orElseThrow();
        LimitWindow previous =
                LimitWindow.of(kind, window.start().minusNanos(1), zone).orElseThrow();
        assertThat(next.start()).isEqualTo(window.end());
        assertThat(previous.end()).isEqualTo(window.start());
    }

    @Property
    void a_day_lasts_a_day_give_or_take_a_dst_change(
            @ForAll("zones") ZoneId zone, @ForAll @LongRange(min = FROM, max = UNTIL) long epochSecond) {
        LimitWindow day = LimitWindow.of(LimitKind.DAILY, Instant.ofEpochSecond(epochSecond), zone)
                .orElseThrow();
        Duration length = Duration.between(day.start(), day.end());
        assertThat(length).isBetween(Duration.ofHours(22), Duration.ofHours(26));
    }

    @Property
    void weeks_start_on_monday_and_months_on_the_first(
            @ForAll("zones") ZoneId zone, @ForAll @LongRange(min = FROM, max = UNTIL) long epochSecond) {
        Instant at = Instant.ofEpochSecond(epochSecond);
        ZonedDateTime weekStart =
                LimitWindow.of(LimitKind.WEEKLY, at, zone).orElseThrow().start().atZone(zone);
        ZonedDateTime monthStart = LimitWindow.of(LimitKind.MONTHLY, at, zone)
                .orElseThrow()
                .start()
                .atZone(zone);
        assertThat(weekStart.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(monthStart.getDayOfMonth()).isEqualTo(1);
        assertThat(monthStart.getMonth()).isEqualTo(at.atZone(zone).getMonth());
    }

    @Test
    void the_london_day_of_the_spring_change_has_23_hours() {
        var day = LimitWindow.of(LimitKind.DAILY, Instant.parse("2026-03-29T12:00:00Z"), ZoneId.of("Europe/London"))
                .orElseThrow();
        assertThat(day.start()).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
    }

    @Test
    void lagos_midnight_is_23_00_utc() {
        var month = LimitWindow.of(LimitKind.MONTHLY, Instant.parse("2026-02-28T23:30:00Z"), ZoneId.of("Africa/Lagos"))
                .orElseThrow();
        assertThat(month.start()).as("already March in Lagos").isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(month.end()).isEqualTo(Instant.parse("2026-03-31T23:00:00Z"));
    }

    @Test
    void single_has_no_window() {
        assertThat(LimitWindow.of(LimitKind.SINGLE, Instant.EPOCH, ZoneId.of("UTC")))
                .isEmpty();
    }
}
