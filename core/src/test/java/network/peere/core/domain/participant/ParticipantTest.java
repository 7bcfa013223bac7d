package network.peere.core.domain.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;

class ParticipantTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static Participant bank() {
        return Participant.register(
                new ParticipantId("bank_1"),
                Mode.SANDBOX,
                "First Bank",
                "ops@bank.test",
                new Profile.BankProfile(ZoneId.of("Africa/Lagos")),
                T0);
    }

    @Test
    void a_registered_participant_is_active_at_version_one() {
        var bank = bank();
        assertThat(bank.isActive()).isTrue();
        assertThat(bank.version()).isEqualTo(1);
        assertThat(bank.role()).isEqualTo(Role.BANK);
    }

    @Test
    void suspending_advances_the_version_and_the_update_time() {
        var suspended = bank().withStatus(ParticipantStatus.SUSPENDED, T1);
        assertThat(suspended.status()).isEqualTo(ParticipantStatus.SUSPENDED);
        assertThat(suspended.version()).isEqualTo(2);
        assertThat(suspended.updatedAt()).isEqualTo(T1);
    }

    @Test
    void suspending_twice_is_a_bug_the_service_must_prevent() {
        var suspended = bank().withStatus(ParticipantStatus.SUSPENDED, T1);
        assertThatThrownBy(() -> suspended.withStatus(ParticipantStatus.SUSPENDED, T1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void only_a_bank_has_a_time_zone() {
        var provider = Participant.register(
                new ParticipantId("prv_1"), Mode.SANDBOX, "P", "p@p.test", new Profile.ProviderProfile(), T0);
        assertThatThrownBy(() -> provider.withBankTimeZone(ZoneId.of("UTC"), T1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(bank().withBankTimeZone(ZoneId.of("Europe/London"), T1).profile())
                .isEqualTo(new Profile.BankProfile(ZoneId.of("Europe/London")));
    }

    @Test
    void invalid_values_cannot_exist() {
        assertThatThrownBy(() -> new ParticipantId("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Participant.register(
                        new ParticipantId("x"), Mode.LIVE, " ", "a@b.test", new Profile.ProviderProfile(), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Participant.register(
                        new ParticipantId("x"), Mode.LIVE, "A", "not-an-email", new Profile.ProviderProfile(), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Participant merchant() {
        return Participant.register(
                new ParticipantId("mer_1"),
                Mode.SANDBOX,
                "Corner Shop",
                "shop@example.test",
                new Profile.MerchantProfile(
                        Optional.of(new ParticipantId("prv_1")),
                        MerchantTrust.of(TrustLevel.BASIC),
                        ContactDetails.none()),
                T0);
    }

    @Test
    void registering_a_merchant_records_when_its_trust_was_set() {
        var profile = (Profile.MerchantProfile) merchant().profile();
        assertThat(profile.trustSetAt()).contains(T0);
    }

    @Test
    void setting_trust_again_even_unchanged_records_the_new_verification_time() {
        var merchant = merchant();
        var again = merchant.withMerchantTrust(MerchantTrust.of(TrustLevel.BASIC), T1);
        assertThat(((Profile.MerchantProfile) again.profile()).trustSetAt()).contains(T1);
        assertThat(again.version()).isEqualTo(2);
    }

    @Test
    void editing_details_replaces_given_fields_and_keeps_the_rest() {
        var merchant = merchant()
                .withMerchantDetails(
                        "Corner Shop",
                        "shop@example.test",
                        new ContactDetails(
                                Optional.of("+2348012345678"),
                                Optional.of("https://a.test"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        new BusinessDetails(Optional.of("1 Marina, Lagos"), Optional.empty(), Optional.empty()),
                        T1);
        var profile = (Profile.MerchantProfile) merchant.profile();
        var changes = new ContactDetails(
                Optional.empty(),
                Optional.of("https://b.test"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        var updated = profile.contact().updatedWith(changes);

        assertThat(updated.phone()).contains("+2348012345678");
        assertThat(updated.website()).contains("https://b.test");
        assertThat(profile.business().updatedWith(BusinessDetails.none()).address())
                .contains("1 Marina, Lagos");
    }

    @Test
    void only_a_merchant_has_trust_and_a_ref_needs_a_provider() {
        assertThatThrownBy(() -> bank().withMerchantTrust(MerchantTrust.of(TrustLevel.PREMIUM), T1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Profile.MerchantProfile(
                        Optional.empty(),
                        Optional.of("ref-1"),
                        MerchantTrust.of(TrustLevel.BASIC),
                        Optional.of(T0),
                        ContactDetails.none(),
                        BusinessDetails.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
