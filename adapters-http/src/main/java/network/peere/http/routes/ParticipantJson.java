package network.peere.http.routes;

import java.util.Map;
import network.peere.core.domain.participant.ApiKey;
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
