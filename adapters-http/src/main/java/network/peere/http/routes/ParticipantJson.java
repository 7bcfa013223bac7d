package network.peere.http.routes;

import java.util.Map;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.BusinessDetails;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.WireEnums;
import network.peere.http.support.Envelope;

/** Participant and key ↔ JSON, in one place: the wire names of the public docs, enums in lower snake_case. */
final class ParticipantJson {
    private ParticipantJson() {}

    /** The operator's view: everything, including mode and status. */
    static Map<String, Object> participant(Participant p) {
        Map<String, Object> json = Envelope.object();
        json.put("id", p.id().value());
        json.put("role", WireEnums.wireName(p.role()));
        json.put("mode", p.mode().wireName());
        json.put("name", p.name());
        json.put("email", p.email());
        json.put("status", WireEnums.wireName(p.status()));
        switch (p.profile()) {
            case Profile.BankProfile bank ->
                json.put("timeZone", bank.timeZone().getId());
            case Profile.MerchantProfile merchant -> merchantFields(json, merchant);
            case Profile.ProviderProfile provider -> {}
            case Profile.OperatorProfile operator -> {}
        }
        json.put("createdAt", p.createdAt().toString());
        json.put("updatedAt", p.updatedAt().toString());
        return json;
    }

    /** A merchant's own profile, shaped like the provider's merchant details (P1): {@code userType: "merchant"}. */
    static Map<String, Object> merchantProfile(Participant p, Profile.MerchantProfile merchant) {
        Map<String, Object> json = Envelope.object();
        json.put("id", p.id().value());
        json.put("name", p.name());
        json.put("email", p.email());
        json.put("userType", "merchant");
        json.put("mode", p.mode().wireName());
        json.put("status", WireEnums.wireName(p.status()));
        merchantFields(json, merchant);
        json.put("createdAt", p.createdAt().toString());
        return json;
    }

    private static void merchantFields(Map<String, Object> json, Profile.MerchantProfile merchant) {
        json.put("providerId", merchant.providerId().map(Object::toString).orElse(null));
        MerchantTrust trust = merchant.trust();
        json.put("trusted", trust.isTrusted());
        json.put("trustLevel", WireEnums.wireName(trust.level()));
        json.put("deviceLookupEnabled", trust.deviceLookupEnabled());
        ContactDetails contact = merchant.contact();
        contact.phone().ifPresent(v -> json.put("phone", v));
        contact.website().ifPresent(v -> json.put("website", v));
        contact.description().ifPresent(v -> json.put("description", v));
        contact.country().ifPresent(v -> json.put("country", v));
        contact.state().ifPresent(v -> json.put("state", v));
        contact.icon().ifPresent(v -> json.put("icon", v));
        merchant.ref().ifPresent(v -> json.put("ref", v));
        BusinessDetails business = merchant.business();
        business.address().ifPresent(v -> json.put("address", v));
        business.registrationNumber().ifPresent(v -> json.put("registrationNumber", v));
        business.industry().ifPresent(v -> json.put("industry", v));
    }

    /**
     * Merchant details as a provider sees them (P1): every documented member is present, {@code null} when not given.
     * {@code ref} is the provider's own reference; {@code code} is the merchant's id without its {@code mer_} prefix,
     * unique and safe to read aloud (Crockford base32).
     */
    static Map<String, Object> providerMerchant(Participant p) {
        Profile.MerchantProfile merchant = (Profile.MerchantProfile) p.profile();
        ContactDetails contact = merchant.contact();
        BusinessDetails business = merchant.business();
        Map<String, Object> json = Envelope.object();
        json.put("id", p.id().value());
        json.put("ref", merchant.ref().orElse(null));
        json.put("name", p.name());
        json.put("email", p.email());
        json.put("phone", contact.phone().orElse(null));
        json.put("code", merchantCode(p));
        json.put("providerId", merchant.providerId().map(Object::toString).orElse(null));
        json.put("userType", "merchant");
        json.put("country", contact.country().orElse(null));
        json.put("state", contact.state().orElse(null));
        json.put("website", contact.website().orElse(null));
        json.put("description", contact.description().orElse(null));
        json.put("icon", contact.icon().orElse(null));
        json.put("trusted", merchant.trust().isTrusted());
        json.put("trustLevel", WireEnums.wireName(merchant.trust().level()));
        json.put("deviceLookupEnabled", merchant.trust().deviceLookupEnabled());
        json.put("address", business.address().orElse(null));
        json.put("registrationNumber", business.registrationNumber().orElse(null));
        json.put("industry", business.industry().orElse(null));
        json.put("status", WireEnums.wireName(p.status()));
        json.put("createdAt", p.createdAt().toString());
        json.put("updatedAt", p.updatedAt().toString());
        return json;
    }

    /** One line of the provider's merchant list (P2). */
    static Map<String, Object> merchantSummary(Participant p) {
        MerchantTrust trust = ((Profile.MerchantProfile) p.profile()).trust();
        Map<String, Object> json = Envelope.object();
        json.put("id", p.id().value());
        json.put("name", p.name());
        json.put("email", p.email());
        json.put("trusted", trust.isTrusted());
        json.put("trustLevel", WireEnums.wireName(trust.level()));
        json.put("createdAt", p.createdAt().toString());
        return json;
    }

    /** The trust settings as P5 answers them. */
    static Map<String, Object> trustSettings(MerchantTrust trust) {
        Map<String, Object> json = Envelope.object();
        json.put("trusted", trust.isTrusted());
        json.put("trustLevel", WireEnums.wireName(trust.level()));
        json.put("deviceLookupEnabled", trust.deviceLookupEnabled());
        return json;
    }

    /** The trust status (P8's {@code trustStatus}): the settings and when they were last set. */
    static Map<String, Object> trustStatus(Participant p) {
        Profile.MerchantProfile merchant = (Profile.MerchantProfile) p.profile();
        Map<String, Object> json = trustSettings(merchant.trust());
        json.put("lastVerified", merchant.trustSetAt().orElseThrow().toString());
        return json;
    }

    /** A merchant's trust with its id (P6, and each line of P7). */
    static Map<String, Object> merchantTrust(Participant p) {
        Map<String, Object> json = Envelope.object();
        json.put("entityId", p.id().value());
        json.putAll(trustStatus(p));
        return json;
    }

    private static String merchantCode(Participant p) {
        String id = p.id().value();
        String prefix = p.role().idPrefix() + "_";
        return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }

    static Map<String, Object> apiKey(ApiKey key) {
        Map<String, Object> json = Envelope.object();
        json.put("id", key.id().value());
        json.put("participantId", key.participantId().value());
        json.put("mode", key.mode().wireName());
        json.put("hint", key.mode().keyPrefix() + "…" + key.hint());
        json.put("label", key.label());
        json.put("status", key.isRevoked() ? "revoked" : "active");
        json.put("createdAt", key.createdAt().toString());
        json.put("revokedAt", key.revokedAt().map(Object::toString).orElse(null));
        return json;
    }
}
