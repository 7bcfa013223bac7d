package network.peere.persistence.testing;

import java.time.Duration;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.ParticipantStore;

/**
 * The merchants a list's {@link MerchantScope} is tried on. In the mode {@link #register} is given: {@code prov_1}
 * with merchants {@code mer_1} and {@code mer_2}, {@code prov_2} with {@code mer_3}, and the direct merchant
 * {@code mer_4}; in the other mode, {@code mer_5} of {@code prov_1}. Ids are unique across modes, as in the table.
 */
public final class TestMerchantScopes {
    public static final MerchantScope PROV_1 = new MerchantScope.ProviderMerchants(new ParticipantId("prov_1"));
    public static final MerchantScope PROV_2 = new MerchantScope.ProviderMerchants(new ParticipantId("prov_2"));
    /** A provider with no merchants at all. */
    public static final MerchantScope PROV_9 = new MerchantScope.ProviderMerchants(new ParticipantId("prov_9"));

    private TestMerchantScopes() {}

    public static MerchantScope merchant(String id) {
        return new MerchantScope.Merchant(new ParticipantId(id));
    }

    public static void register(ParticipantStore participants, Mode mode) {
        participants.insert(TestParticipants.provider(mode, "prov_1"));
        participants.insert(TestParticipants.provider(mode, "prov_2"));
        participants.insert(TestParticipants.merchantOf(mode, "mer_1", "prov_1"));
        participants.insert(TestParticipants.merchantOf(mode, "mer_2", "prov_1"));
        participants.insert(TestParticipants.merchantOf(mode, "mer_3", "prov_2"));
        participants.insert(TestParticipants.directMerchant(mode, "mer_4"));
        participants.insert(TestParticipants.merchantOf(other(mode), "mer_5", "prov_1"));
    }

    /** The merchant, now a merchant of {@code providerId}: a scope follows the provider the participants name now. */
    public static void moveTo(ParticipantStore participants, Mode mode, String merchantId, String providerId) {
        Participant merchant =
                participants.find(mode, new ParticipantId(merchantId)).orElseThrow();
        var profile = (Profile.MerchantProfile) merchant.profile();
        var moved = new Participant(
                merchant.id(),
                merchant.mode(),
                merchant.name(),
                merchant.email(),
                merchant.status(),
                new Profile.MerchantProfile(
                        java.util.Optional.of(new ParticipantId(providerId)),
                        profile.ref(),
                        profile.trust(),
                        profile.trustSetAt(),
                        profile.contact(),
                        profile.business()),
                merchant.createdAt(),
                merchant.updatedAt().plus(Duration.ofSeconds(1)),
                merchant.version() + 1);
        if (!participants.update(moved)) {
            throw new IllegalStateException("could not move " + merchantId);
        }
    }

    public static Mode other(Mode mode) {
        return mode == Mode.LIVE ? Mode.SANDBOX : Mode.LIVE;
    }
}
