package network.peere.core.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MajorAmountBoundTest {
    private static final Currency NAIRA = Currency.getInstance("NGN");
    private static final Currency YEN = Currency.getInstance("JPY");
    private static final Currency DINAR = Currency.getInstance("KWD");

    private static MajorAmountBound bound(String major) {
        return new MajorAmountBound(new BigDecimal(major));
    }

    @Test
    void is_counted_in_each_currencys_own_minor_units() {
        assertThat(bound("15").lowestMinor(NAIRA)).isEqualTo(1_500);
        assertThat(bound("15").lowestMinor(YEN)).isEqualTo(15);
        assertThat(bound("15").lowestMinor(DINAR)).isEqualTo(15_000);
    }

    @Test
    void rounds_a_lower_bound_up_and_an_upper_bound_down() {
        assertThat(bound("15.001").lowestMinor(NAIRA)).isEqualTo(1_501);
        assertThat(bound("15.001").highestMinor(NAIRA)).isEqualTo(1_500);
        assertThat(bound("15.5").lowestMinor(YEN)).isEqualTo(16);
        assertThat(bound("15.5").highestMinor(YEN)).isEqualTo(15);
        assertThat(bound("1.5").lowestMinor(DINAR)).isEqualTo(bound("1.5").highestMinor(DINAR));
    }

    @Test
    void stays_within_a_long_however_large_the_bound() {
        assertThat(bound("1e30").lowestMinor(DINAR)).isEqualTo(Long.MAX_VALUE);
        assertThat(bound("-1e30").highestMinor(NAIRA)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void answers_absurd_exponents_at_once_without_arithmetic_of_their_size() {
        assertThat(bound("1e999999999").lowestMinor(DINAR)).isEqualTo(Long.MAX_VALUE);
        assertThat(bound("1e2147483647").highestMinor(NAIRA)).isEqualTo(Long.MAX_VALUE);
        assertThat(bound("-1e999999999").lowestMinor(YEN)).isEqualTo(Long.MIN_VALUE);
        assertThat(bound("1e-999999999").lowestMinor(NAIRA)).isEqualTo(1);
        assertThat(bound("1e-999999999").highestMinor(NAIRA)).isZero();
        assertThat(bound("-1e-999999999").lowestMinor(NAIRA)).isZero();
        assertThat(bound("-1e-999999999").highestMinor(NAIRA)).isEqualTo(-1);
        assertThat(bound("0E-999999999").lowestMinor(NAIRA)).isZero();
    }
}
