package network.peere.core.domain.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;

class LinkDurationTest {
    private static final Instant JAN_31 = Instant.parse("2026-01-31T09:00:00Z");

    @Test
    void quarterly_and_half_yearly_are_calendar_months_keeping_the_anchor_day() {
        assertThat(LinkDuration.QUARTERLY.cadence().due(JAN_31, ZoneOffset.UTC, 1))
                .isEqualTo(Instant.parse("2026-04-30T09:00:00Z"));
        assertThat(LinkDuration.QUARTERLY.cadence().due(JAN_31, ZoneOffset.UTC, 2))
                .isEqualTo(Instant.parse("2026-07-31T09:00:00Z"));
        assertThat(LinkDuration.HALF_YEARLY.cadence().due(JAN_31, ZoneOffset.UTC, 1))
                .isEqualTo(Instant.parse("2026-07-31T09:00:00Z"));
        assertThat(LinkDuration.MONTHLY.cadence().due(JAN_31, ZoneOffset.UTC, 1))
                .isEqualTo(Instant.parse("2026-02-28T09:00:00Z"));
    }

    @Test
    void daily_weekly_and_yearly_step_by_their_length() {
        assertThat(LinkDuration.DAILY.cadence().due(JAN_31, ZoneOffset.UTC, 1)).isEqualTo(JAN_31.plusSeconds(86_400));
        assertThat(LinkDuration.WEEKLY.cadence().due(JAN_31, ZoneOffset.UTC, 1))
                .isEqualTo(JAN_31.plusSeconds(7 * 86_400));
        assertThat(LinkDuration.YEARLY.cadence().due(JAN_31, ZoneOffset.UTC, 1))
                .isEqualTo(Instant.parse("2027-01-31T09:00:00Z"));
    }

    @Test
    void deactivating_twice_is_the_same_link_and_a_link_has_a_positive_amount() {
        var terms = new PaymentLink.Terms(
                Money.of(100, "USD"),
                "d",
                Optional.empty(),
                "s",
                URI.create("https://m.example/cb"),
                Optional.empty(),
                Optional.empty());
        PaymentLink link = PaymentLink.create("lnk_1", Mode.LIVE, new ParticipantId("mer_1"), terms, JAN_31);
        PaymentLink inactive = link.deactivated(JAN_31.plusSeconds(1));

        assertThat(inactive.status()).isEqualTo(LinkStatus.INACTIVE);
        assertThat(inactive.version()).isEqualTo(2);
        assertThat(inactive.deactivated(JAN_31.plusSeconds(2))).isSameAs(inactive);
        assertThatThrownBy(() -> new PaymentLink.Terms(
                        Money.of(0, "USD"),
                        "d",
                        Optional.empty(),
                        "s",
                        URI.create("https://m.example/cb"),
                        Optional.empty(),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
