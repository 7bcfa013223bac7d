package network.peere.core.domain.participant.policy;

import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;

/** The provider's {@code deviceLookupEnabled: false} switches device lookup off at every level, premium included. */
final class DeviceLookupEnabled implements Rule {
    @Override
    public Optional<DenialReason> check(Participant merchant, Profile.MerchantProfile profile, Capability capability) {
        boolean blocked =
                capability == Capability.LOOK_UP_BY_DEVICE && !profile.trust().deviceLookupEnabled();
        return blocked ? Optional.of(DenialReason.DEVICE_LOOKUP_DISABLED) : Optional.empty();
    }
}
