package network.peere.core.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountParserTest {
    private static final Currency NGN = Currency.getInstance("NGN");

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "1500, NGN, 150000",
        "1500.5, NGN, 150050",
        "10.04, NGN, 1004",
        "0.01, NGN, 1",
        "1500.500, NGN, 150050",
        "2500, JPY, 2500",
        "1.234, BHD, 1234",
        "1.5, NGN, 150",
        "1.005, NGN, TOO_MANY_DECIMALS",
        "0.001, NGN, TOO_MANY_DECIMALS",
        "1.5, JPY, TOO_MANY_DECIMALS",
        "0, NGN, NOT_POSITIVE",
        "-5, NGN, NOT_POSITIVE",
        "10000000000000000000, NGN, TOO_LARGE"
    })
    void parses_major_units_exactly_or_says_why_not(String major, String currency, String expected) {
        var parsed = AmountParser.parse(new BigDecimal(major), Currency.getInstance(currency));
        String outcome = switch (parsed) {
            case AmountParser.Parsed.Valid valid -> Long.toString(valid.money().minor());
            case AmountParser.Parsed.Invalid invalid -> invalid.reason().name();
        };
        assertThat(outcome).isEqualTo(expected);
    }

    @Property
    void minor_units_survive_the_round_trip_through_major(
            @ForAll @LongRange(min = 1, max = AmountParser.MINOR_MAX) long minor) {
        var money = new Money(minor, NGN);
        assertThat(AmountParser.parse(money.toMajor(), NGN)).isEqualTo(new AmountParser.Parsed.Valid(money));
    }
}
