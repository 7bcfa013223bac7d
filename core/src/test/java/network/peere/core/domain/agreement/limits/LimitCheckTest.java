package network.peere.core.domain.agreement.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import network.peere.core.domain.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitCheckTest {
    private static Money ngn(long minor) {
        return Money.of(minor, "NGN");
    }

    /** single 5,000 · daily 8,000 · weekly 20,000 · monthly 60,000 (the public docs' example, in minor units). */
    private static final SpendingLimits LIMITS = new SpendingLimits(
            java.util.Currency.getInstance("NGN"),
            Map.of(
                    LimitKind.SINGLE, ngn(5_000),
                    LimitKind.DAILY, ngn(8_000),
                    LimitKind.WEEKLY, ngn(20_000),
                    LimitKind.MONTHLY, ngn(60_000)));

    @ParameterizedTest(name = "charge {0} with {1}/{2}/{3} used → {4}")
    @CsvSource({
        "5000, 0, 0, 0, within",
        "5001, 0, 0, 0, SINGLE 5000",
        "3000, 5000, 5000, 5000, within",
        "3001, 5000, 5000, 5000, DAILY 3000",
        "1000, 0, 19500, 19500, WEEKLY 500",
        "1000, 0, 0, 59500, MONTHLY 500",
        "6000, 8000, 20000, 60000, SINGLE 5000",
        "1, 9000, 0, 0, DAILY 0",
    })
    void the_first_breached_limit_in_precedence_order_decides(
            long charge, long daily, long weekly, long monthly, String expected) {
        var used = Map.of(LimitKind.DAILY, ngn(daily), LimitKind.WEEKLY, ngn(weekly), LimitKind.MONTHLY, ngn(monthly));
        String outcome = switch (LimitCheck.check(LIMITS, used, ngn(charge))) {
            case LimitCheck.Verdict.Within within -> "within";
            case LimitCheck.Verdict.Exceeded exceeded ->
                exceeded.limit() + " " + exceeded.remaining().minor();
        };
        assertThat(outcome).isEqualTo(expected);
    }

    @Property
    void accepted_charges_never_exceed_any_cap(
            @ForAll @Size(max = 60) List<@LongRange(min = 1, max = 7_000) Long> charges) {
        Map<LimitKind, Money> used = new EnumMap<>(LimitKind.class);
        for (long amount : charges) {
            Money charge = ngn(amount);
            if (LimitCheck.check(LIMITS, used, charge) instanceof LimitCheck.Verdict.Within) {
                for (LimitKind kind : List.of(LimitKind.DAILY, LimitKind.WEEKLY, LimitKind.MONTHLY)) {
                    used.merge(kind, charge, Money::plus);
                }
            }
        }
        for (var entry : used.entrySet()) {
            assertThat(entry.getValue())
                    .isLessThanOrEqualTo(LIMITS.cap(entry.getKey()).orElseThrow());
        }
    }

    @Property
    void a_charge_is_within_exactly_when_it_fits_what_remains_of_every_cap(
            @ForAll @LongRange(min = 1, max = 10_000) long amount,
            @ForAll @LongRange(min = 0, max = 10_000) long daily,
            @ForAll @LongRange(min = 0, max = 25_000) long weekly) {
        Map<LimitKind, Money> used = new HashMap<>(Map.of(LimitKind.DAILY, ngn(daily), LimitKind.WEEKLY, ngn(weekly)));
        boolean fits = amount <= 5_000 && daily + amount <= 8_000 && weekly + amount <= 20_000 && amount <= 60_000;
        assertThat(LimitCheck.check(LIMITS, used, ngn(amount)) instanceof LimitCheck.Verdict.Within)
                .isEqualTo(fits);
    }

    @Property
    void no_limits_means_anything_goes(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long amount) {
        var none = SpendingLimits.none(java.util.Currency.getInstance("NGN"));
        assertThat(LimitCheck.check(none, Map.of(), ngn(amount))).isInstanceOf(LimitCheck.Verdict.Within.class);
    }
}
