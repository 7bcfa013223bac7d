package network.peere.persistence.testing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import network.peere.core.domain.participant.BusinessDetails;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;

/**
 * Participants for tests, registered at {@link #T0} unless {@link #registeredAt} moves them. Instants have whole
 * microseconds, the precision the SQL stores keep.
 */
public final class TestParticipants {
    public static final Instant T0 = Instant.parse("2026-11-02T09:30:00.123456Z");

    private TestParticipants() {}

    public static Participant bank(Mode mode, String id) {
        return register(mode, id, new Profile.BankProfile(ZoneId.of("Africa/Lagos")));
    }

    public static Participant provider(Mode mode, String id) {
        return register(mode, id, new Profile.ProviderProfile());
    }

    public static Participant operator(Mode mode, String id) {
        return register(mode, id, new Profile.OperatorProfile());
    }

    /** A merchant of that provider with basic trust and no contact details. */
    public static Participant merchantOf(Mode mode, String id, String providerId) {
        return register(
                mode,
                id,
                new Profile.MerchantProfile(
                        Optional.of(new ParticipantId(providerId)),
                        MerchantTrust.of(TrustLevel.BASIC),
                        ContactDetails.none()));
    }

    /** A direct merchant (no provider) with basic trust and no contact details. */
    public static Participant directMerchant(Mode mode, String id) {
        return register(
                mode,
                id,
                new Profile.MerchantProfile(
                        Optional.empty(), MerchantTrust.of(TrustLevel.BASIC), ContactDetails.none()));
    }

    /** A merchant with every optional field given and non-default trust, for round trips. */
    public static Participant merchantWithEverything(Mode mode, String id, String providerId) {
        var trust = new MerchantTrust(
                MerchantTrust.Trusted.UNTRUSTED, TrustLevel.PREMIUM, MerchantTrust.DeviceLookup.DISABLED);
        var contact = new ContactDetails(
                Optional.of("+234 801 234 5678"),
                Optional.of("https://shop.example"),
                Optional.of("Fresh bread, délivered – every morning 🍞"),
                Optional.of("NG"),
                Optional.of("Lagos"),
                Optional.of("https://shop.example/icon.png"));
        var business = new BusinessDetails(
                Optional.of("12 Marina Road, Lagos Island"), Optional.of("RC-123456"), Optional.of("Bakery"));
        return register(
                mode,
                id,
                new Profile.MerchantProfile(
                        Optional.of(new ParticipantId(providerId)),
                        Optional.of("shop-" + id),
                        trust,
                        Optional.empty(),
                        contact,
                        business));
    }

    /** A merchant of that provider with the provider's own reference, basic trust and no other details. */
    public static Participant merchantOf(Mode mode, String id, String providerId, String ref) {
        return register(
                mode,
                id,
                new Profile.MerchantProfile(
                        Optional.of(new ParticipantId(providerId)),
                        Optional.of(ref),
                        MerchantTrust.of(TrustLevel.BASIC),
                        Optional.empty(),
                        ContactDetails.none(),
                        BusinessDetails.none()));
    }

    /** A merchant of that provider with that trust. */
    public static Participant merchantOf(Mode mode, String id, String providerId, MerchantTrust trust) {
        return register(
                mode,
                id,
                new Profile.MerchantProfile(Optional.of(new ParticipantId(providerId)), trust, ContactDetails.none()));
    }

    /** The same participant, created (and last updated) at another instant. */
    public static Participant registeredAt(Participant participant, Instant createdAt) {
        return new Participant(
                participant.id(),
                participant.mode(),
                participant.name(),
                participant.email(),
                participant.status(),
                participant.profile(),
                createdAt,
                createdAt,
                participant.version());
    }

    private static Participant register(Mode mode, String id, Profile profile) {
        return Participant.register(
                new ParticipantId(id), mode, "Participant " + id, id.toLowerCase() + "@example.com", profile, T0);
    }
}
