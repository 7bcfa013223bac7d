package network.peere.core.domain.ratelimit;

import static network.peere.core.domain.ratelimit.RateClass.BATCH;
import static network.peere.core.domain.ratelimit.RateClass.READ;
import static network.peere.core.domain.ratelimit.RateClass.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void the_defaults_are_the_documented_ones() {
        var defaults = RateLimits.defaults();
        assertThat(defaults.of(STANDARD)).isEqualTo(new RateLimit(100, 10));
        assertThat(defaults.of(BATCH)).isEqualTo(new RateLimit(10, 2));
        assertThat(defaults.of(READ)).isEqualTo(new RateLimit(300, 30));
    }

    @Test
    void every_class_needs_a_limit() {
        assertThatThrownBy(() -> new RateLimits(Map.of(STANDARD, new RateLimit(1, 1))))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("BATCH");
    }

    @ParameterizedTest(name = "{0} merchant: standard {1}/min burst {2}/s, read {3}/min")
    @CsvSource({
        "BASIC,    100, 10, 300",
        "ENHANCED, 200, 20, 600",
        "PREMIUM,  500, 50, 1500",
    })
    void a_merchants_trust_level_scales_the_defaults(TrustLevel level, int standard, int burst, int read) {
        var limits = EffectiveRateLimits.of(merchant(level), Optional.empty());

        assertThat(limits.of(STANDARD)).isEqualTo(new RateLimit(standard, burst));
        assertThat(limits.of(READ).perMinute()).isEqualTo(read);
        assertThat(limits.trustFactor()).isEqualTo(TrustScaling.factor(level));
    }

    @Test
    void banks_providers_and_operators_get_the_defaults() {
        for (Profile profile : new Profile[] {
            new Profile.BankProfile(ZoneId.of("Africa/Lagos")),
            new Profile.ProviderProfile(),
            new Profile.OperatorProfile()
        }) {
            var limits = EffectiveRateLimits.of(participant(profile), Optional.empty());
            assertThat(limits.limits()).isEqualTo(RateLimits.defaults());
            assertThat(limits.trustFactor()).isEqualTo(1);
        }
    }

    @Test
    void an_override_replaces_only_the_classes_it_names_even_for_a_premium_merchant() {
        var override = new RateLimitOverride(Map.of(READ, new RateLimit(5, 5)));

        var limits = EffectiveRateLimits.of(merchant(TrustLevel.PREMIUM), Optional.of(override));

        assertThat(limits.of(READ)).isEqualTo(new RateLimit(5, 5));
        assertThat(limits.isOverridden(READ)).isTrue();
        assertThat(limits.of(STANDARD)).isEqualTo(new RateLimit(500, 50));
        assertThat(limits.isOverridden(STANDARD)).isFalse();
        assertThat(limits.of(BATCH)).isEqualTo(new RateLimit(50, 10));
    }

    @Test
    void an_override_names_at_least_one_class() {
        assertThatThrownBy(() -> new RateLimitOverride(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Participant merchant(TrustLevel level) {
        return participant(
                new Profile.MerchantProfile(Optional.empty(), MerchantTrust.of(level), ContactDetails.none()));
    }

    private static Participant participant(Profile profile) {
        return Participant.register(new ParticipantId("p_1"), Mode.SANDBOX, "Someone", "a@b.test", profile, T0);
    }
}
