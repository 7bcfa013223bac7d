package network.peere.core.domain.participant.policy;

import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;

/** A suspended merchant may do nothing, whatever its trust. */
final class NotSuspended implements Rule {
    @Override
    public Optional<DenialReason> check(Participant merchant, Profile.MerchantProfile profile, Capability capability) {
        return merchant.isActive() ? Optional.empty() : Optional.of(DenialReason.MERCHANT_SUSPENDED);
    }
}
