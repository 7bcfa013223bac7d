package network.peere.core.domain.participant.policy;

import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;

/** One check of {@link MerchantPolicy}: empty when the merchant passes it. */
interface Rule {
    Optional<DenialReason> check(Participant merchant, Profile.MerchantProfile profile, Capability capability);
}
