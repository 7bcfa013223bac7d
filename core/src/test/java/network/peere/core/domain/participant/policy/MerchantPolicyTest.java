package network.peere.core.domain.participant.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may do what, as a table: each row is a merchant, a capability and the answer it expects. */
class MerchantPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @ParameterizedTest(name = "{0} {1} {2} device={3} {4}: {5} → {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # mode   | status    | level    | trusted | device   | capability          | expected
            # basic: lookups by identity, one-time and recurring intents, billing
            SANDBOX  | ACTIVE    | BASIC    | true    | ENABLED  | LOOK_UP_BY_IDENTITY | ALLOWED
            SANDBOX  | ACTIVE    | BASIC    | true    | ENABLED  | ONE_TIME_INTENT     | ALLOWED
            SANDBOX  | ACTIVE    | BASIC    | true    | ENABLED  | RECURRING_INTENT    | ALLOWED
            SANDBOX  | ACTIVE    | BASIC    | true    | ENABLED  | BILL                | ALLOWED
            LIVE     | ACTIVE    | BASIC    | true    | ENABLED  | BILL                | ALLOWED
            SANDBOX  | ACTIVE    | BASIC    | true    | ENABLED  | LOOK_UP_BY_DEVICE   | TRUST_LEVEL_TOO_LOW
            SANDBOX  | ACTIVE    | BASIC    | true    | ENABLED  | ON_DEMAND_INTENT    | TRUST_LEVEL_TOO_LOW
            SANDBOX  | ACTIVE    | BASIC    | true    | ENABLED  | RECURRING_SCHEDULE  | TRUST_LEVEL_TOO_LOW
            # enhanced adds device lookup, on-demand agreements and recurring schedules
            SANDBOX  | ACTIVE    | ENHANCED | true    | ENABLED  | LOOK_UP_BY_DEVICE   | ALLOWED
            LIVE     | ACTIVE    | ENHANCED | true    | ENABLED  | ON_DEMAND_INTENT    | ALLOWED
            LIVE     | ACTIVE    | ENHANCED | true    | ENABLED  | RECURRING_SCHEDULE  | ALLOWED
            SANDBOX  | ACTIVE    | ENHANCED | true    | DISABLED | LOOK_UP_BY_DEVICE   | DEVICE_LOOKUP_DISABLED
            SANDBOX  | ACTIVE    | ENHANCED | true    | DISABLED | LOOK_UP_BY_IDENTITY | ALLOWED
            # premium has everything, but the provider's device switch still holds
            LIVE     | ACTIVE    | PREMIUM  | true    | ENABLED  | LOOK_UP_BY_DEVICE   | ALLOWED
            LIVE     | ACTIVE    | PREMIUM  | true    | ENABLED  | ON_DEMAND_INTENT    | ALLOWED
            LIVE     | ACTIVE    | PREMIUM  | true    | DISABLED | LOOK_UP_BY_DEVICE   | DEVICE_LOOKUP_DISABLED
            # trusted:false blocks intents and billing in live mode only; lookups stay allowed
            LIVE     | ACTIVE    | BASIC    | false   | ENABLED  | ONE_TIME_INTENT     | MERCHANT_NOT_TRUSTED
            LIVE     | ACTIVE    | BASIC    | false   | ENABLED  | RECURRING_INTENT    | MERCHANT_NOT_TRUSTED
            LIVE     | ACTIVE    | PREMIUM  | false   | ENABLED  | BILL                | MERCHANT_NOT_TRUSTED
            LIVE     | ACTIVE    | PREMIUM  | false   | ENABLED  | RECURRING_SCHEDULE  | MERCHANT_NOT_TRUSTED
            LIVE     | ACTIVE    | BASIC    | false   | ENABLED  | LOOK_UP_BY_IDENTITY | ALLOWED
            LIVE     | ACTIVE    | ENHANCED | false   | ENABLED  | LOOK_UP_BY_DEVICE   | ALLOWED
            SANDBOX  | ACTIVE    | BASIC    | false   | ENABLED  | BILL                | ALLOWED
            SANDBOX  | ACTIVE    | BASIC    | false   | ENABLED  | ONE_TIME_INTENT     | ALLOWED
            # precedence: suspended, then not trusted, then level, then the device switch
            LIVE     | SUSPENDED | PREMIUM  | true    | ENABLED  | LOOK_UP_BY_IDENTITY | MERCHANT_SUSPENDED
            LIVE     | SUSPENDED | BASIC    | false   | DISABLED | LOOK_UP_BY_DEVICE   | MERCHANT_SUSPENDED
            LIVE     | ACTIVE    | BASIC    | false   | ENABLED  | ON_DEMAND_INTENT    | MERCHANT_NOT_TRUSTED
            SANDBOX  | ACTIVE    | BASIC    | false   | DISABLED | LOOK_UP_BY_DEVICE   | TRUST_LEVEL_TOO_LOW
            """)
    void decides(
            Mode mode,
            ParticipantStatus status,
            TrustLevel level,
            boolean trusted,
            MerchantTrust.DeviceLookup device,
            Capability capability,
            String expected) {
        Participant merchant = merchant(mode, status, level, trusted, device);

        Permission permission = MerchantPolicy.check(merchant, capability);

        String answer = switch (permission) {
            case Permission.Allowed allowed -> "ALLOWED";
            case Permission.Denied denied -> denied.reason().name();
        };
        assertThat(answer).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1} phrases per batch")
    @CsvSource({"BASIC, 100", "ENHANCED, 100", "PREMIUM, 500"})
    void premium_merchants_send_bigger_batches(TrustLevel level, int expected) {
        var merchant = merchant(Mode.LIVE, ParticipantStatus.ACTIVE, level, true, MerchantTrust.DeviceLookup.ENABLED);

        assertThat(MerchantPolicy.maxPhrasesPerBatch(merchant)).isEqualTo(expected);
    }

    @Test
    void device_lookup_on_demand_and_schedules_need_enhanced_the_rest_basic() {
        assertThat(MerchantPolicy.requiredLevel(Capability.LOOK_UP_BY_DEVICE)).isEqualTo(TrustLevel.ENHANCED);
        assertThat(MerchantPolicy.requiredLevel(Capability.ON_DEMAND_INTENT)).isEqualTo(TrustLevel.ENHANCED);
        assertThat(MerchantPolicy.requiredLevel(Capability.RECURRING_SCHEDULE)).isEqualTo(TrustLevel.ENHANCED);
        assertThat(MerchantPolicy.requiredLevel(Capability.BILL)).isEqualTo(TrustLevel.BASIC);
    }

    @Test
    void asking_about_a_participant_that_is_not_a_merchant_is_a_bug() {
        var provider = Participant.register(
                new ParticipantId("prv_1"), Mode.LIVE, "P", "p@p.test", new Profile.ProviderProfile(), T0);

        assertThatThrownBy(() -> MerchantPolicy.check(provider, Capability.BILL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Participant merchant(
            Mode mode, ParticipantStatus status, TrustLevel level, boolean trusted, MerchantTrust.DeviceLookup device) {
        var trust = new MerchantTrust(
                trusted ? MerchantTrust.Trusted.TRUSTED : MerchantTrust.Trusted.UNTRUSTED, level, device);
        var merchant = Participant.register(
                new ParticipantId("mer_1"),
                mode,
                "Corner Shop",
                "shop@example.test",
                new Profile.MerchantProfile(Optional.of(new ParticipantId("prv_1")), trust, ContactDetails.none()),
                T0);
        return status == ParticipantStatus.ACTIVE ? merchant : merchant.withStatus(status, T0.plusSeconds(1));
    }
}
