package network.peere.core.domain.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitTest {
    @ParameterizedTest(name = "{0}/min burst {1}/s → {2}")
    @CsvSource({
        "1,       1,       valid",
        "100,     10,      valid",
        "100,     100,     valid",
        "1000000, 1000000, valid",
        "0,       1,       refused",
        "-1,      1,       refused",
        "1000001, 10,      refused",
        "100,     0,       refused",
        "100,     101,     refused",
    })
    void validates_both_rates(int perMinute, int burstPerSecond, String expected) {
        if (expected.equals("valid")) {
            assertThat(new RateLimit(perMinute, burstPerSecond).perMinute()).isEqualTo(perMinute);
            assertThat(RateLimit.isValidPerMinute(perMinute)).isTrue();
            assertThat(RateLimit.isValidBurst(burstPerSecond, perMinute)).isTrue();
        } else {
            assertThatThrownBy(() -> new RateLimit(perMinute, burstPerSecond))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(RateLimit.isValidPerMinute(perMinute) && RateLimit.isValidBurst(burstPerSecond, perMinute))
                    .isFalse();
        }
    }

    @Test
    void scaling_multiplies_both_rates() {
        assertThat(new RateLimit(100, 10).times(5)).isEqualTo(new RateLimit(500, 50));
        assertThat(new RateLimit(100, 10).times(1)).isEqualTo(new RateLimit(100, 10));
    }

    @Test
    void scaling_stops_at_the_maximum_without_overflowing() {
        assertThat(new RateLimit(RateLimit.PER_MINUTE_MAX, 600_000).times(5))
                .isEqualTo(new RateLimit(RateLimit.PER_MINUTE_MAX, RateLimit.PER_MINUTE_MAX));
    }

    @Test
    void refuses_a_factor_below_one() {
        assertThatThrownBy(() -> new RateLimit(100, 10).times(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
