package network.peere.core.domain.participant.policy;

import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;

/**
 * {@code trusted: false} stops intents and billing in live mode only (spec/decisions.md, "Participants, trust,
 * entities"): the sandbox is where an untrusted merchant proves its integration.
 */
final class TrustedInLive implements Rule {
    @Override
    public Optional<DenialReason> check(Participant merchant, Profile.MerchantProfile profile, Capability capability) {
        boolean blocked = merchant.mode() == Mode.LIVE && !profile.trust().isTrusted() && capability.movesMoney();
        return blocked ? Optional.of(DenialReason.MERCHANT_NOT_TRUSTED) : Optional.empty();
    }
}
