package network.peere.core.domain.participant.policy;

import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;

/**
 * {@code basic} covers lookups by email/phone, one-time and recurring intents and billing; device lookup, on-demand
 * agreements and recurring schedules need {@code enhanced}; {@code premium} has everything.
 */
final class TrustLevelSuffices implements Rule {
    static TrustLevel required(Capability capability) {
        return switch (capability) {
            case LOOK_UP_BY_IDENTITY, ONE_TIME_INTENT, RECURRING_INTENT, BILL -> TrustLevel.BASIC;
            case LOOK_UP_BY_DEVICE, ON_DEMAND_INTENT, RECURRING_SCHEDULE -> TrustLevel.ENHANCED;
        };
    }

    @Override
    public Optional<DenialReason> check(Participant merchant, Profile.MerchantProfile profile, Capability capability) {
        return profile.trust().level().atLeast(required(capability))
                ? Optional.empty()
                : Optional.of(DenialReason.TRUST_LEVEL_TOO_LOW);
    }
}
