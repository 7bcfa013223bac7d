package network.peere.core.domain.recurring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CadenceTest {
    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");
    /** Jan 31, 09:00 in Lagos. */
    private static final Instant JAN_31 = Instant.parse("2027-01-31T08:00:00Z");

    @Test
    void monthly_from_january_31_is_february_28_then_march_31_never_march_28() {
        var monthly = Cadence.monthly();

        assertThat(monthly.due(JAN_31, LAGOS, 1)).isEqualTo(Instant.parse("2027-02-28T08:00:00Z"));
        assertThat(monthly.due(JAN_31, LAGOS, 2)).isEqualTo(Instant.parse("2027-03-31T08:00:00Z"));
        assertThat(monthly.due(JAN_31, LAGOS, 3)).isEqualTo(Instant.parse("2027-04-30T08:00:00Z"));
    }

    @Test
    void in_a_leap_year_january_31_renews_on_february_29() {
        assertThat(Cadence.monthly().due(Instant.parse("2028-01-31T08:00:00Z"), LAGOS, 1))
                .isEqualTo(Instant.parse("2028-02-29T08:00:00Z"));
    }

    @Test
    void yearly_from_february_29_keeps_the_29th_in_leap_years() {
        var yearly = new Cadence(Frequency.YEARLY, 1);
        Instant leapDay = Instant.parse("2028-02-29T08:00:00Z");

        assertThat(yearly.due(leapDay, LAGOS, 1)).isEqualTo(Instant.parse("2029-02-28T08:00:00Z"));
        assertThat(yearly.due(leapDay, LAGOS, 4)).isEqualTo(Instant.parse("2032-02-29T08:00:00Z"));
    }

    @Test
    void the_anchor_day_is_the_bank_zones_day_not_utcs() {
        // 23:30 UTC on Jan 30 is already Jan 31 in Lagos (UTC+1).
        Instant lateEvening = Instant.parse("2027-01-30T23:30:00Z");

        assertThat(Cadence.monthly().due(lateEvening, LAGOS, 2)).isEqualTo(Instant.parse("2027-03-30T23:30:00Z"));
        assertThat(Cadence.monthly().due(lateEvening, ZoneId.of("UTC"), 2))
                .isEqualTo(Instant.parse("2027-03-30T23:30:00Z"));
        assertThat(Cadence.monthly().due(lateEvening, LAGOS, 1)).isEqualTo(Instant.parse("2027-02-27T23:30:00Z"));
        assertThat(Cadence.monthly().due(lateEvening, ZoneId.of("UTC"), 1))
                .isEqualTo(Instant.parse("2027-02-28T23:30:00Z"));
    }

    @Test
    void an_interval_is_one_to_366() {
        assertThatThrownBy(() -> new Cadence(Frequency.DAILY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cadence(Frequency.DAILY, 367)).isInstanceOf(IllegalArgumentException.class);
    }
}
