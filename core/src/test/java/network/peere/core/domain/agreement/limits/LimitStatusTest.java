package network.peere.core.domain.agreement.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.money.Money;
import org.junit.jupiter.api.Test;

class LimitStatusTest {
    @Test
    void says_what_remains_of_each_limit_and_when_its_window_resets() {
        var limits = new SpendingLimits(
                Currency.getInstance("NGN"),
                Map.of(LimitKind.SINGLE, Money.of(5_000, "NGN"), LimitKind.MONTHLY, Money.of(60_000, "NGN")));
        var now = Instant.parse("2026-11-23T10:00:00Z");

        var statuses = LimitStatus.of(
                limits, Map.of(LimitKind.MONTHLY, Money.of(45_500, "NGN")), now, ZoneId.of("Africa/Lagos"));

        assertThat(statuses)
                .containsExactly(
                        new LimitStatus(
                                LimitKind.SINGLE,
                                Money.of(5_000, "NGN"),
                                Money.of(0, "NGN"),
                                Money.of(5_000, "NGN"),
                                Optional.empty()),
                        new LimitStatus(
                                LimitKind.MONTHLY,
                                Money.of(60_000, "NGN"),
                                Money.of(45_500, "NGN"),
                                Money.of(14_500, "NGN"),
                                Optional.of(Instant.parse("2026-11-30T23:00:00Z"))));
    }
}
