package network.peere.core.domain.participant.policy;

import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;

/**
 * The one place that answers "may this merchant do X?" (spec/decisions.md, "Participants, trust, entities"). Every
 * use case that acts for a merchant asks here, so trust rules never drift apart between routes.
 */
public final class MerchantPolicy {
    /** In precedence order: the first rule that fails decides the {@link DenialReason}. */
    private static final List<Rule> RULES =
            List.of(new NotSuspended(), new TrustedInLive(), new TrustLevelSuffices(), new DeviceLookupEnabled());

    public static final int PHRASES_PER_BATCH_MAX = 100;
    public static final int PHRASES_PER_BATCH_MAX_PREMIUM = 500;

    private MerchantPolicy() {}

    public static Permission check(Participant merchant, Capability capability) {
        Profile.MerchantProfile profile = profileOf(merchant);
        for (Rule rule : RULES) {
            Optional<DenialReason> denial = rule.check(merchant, profile, capability);
            if (denial.isPresent()) {
                return new Permission.Denied(denial.get());
            }
        }
        return new Permission.Allowed();
    }

    /** How many phrases one intent or bill call may carry: premium merchants get bigger batches. */
    public static int maxPhrasesPerBatch(Participant merchant) {
        return profileOf(merchant).trust().level() == TrustLevel.PREMIUM
                ? PHRASES_PER_BATCH_MAX_PREMIUM
                : PHRASES_PER_BATCH_MAX;
    }

    /** The lowest trust level at which a capability is available (other rules may still deny it). */
    public static TrustLevel requiredLevel(Capability capability) {
        return TrustLevelSuffices.required(capability);
    }

    private static Profile.MerchantProfile profileOf(Participant merchant) {
        if (!(merchant.profile() instanceof Profile.MerchantProfile profile)) {
            throw new IllegalArgumentException(
                    "only merchants have capabilities; " + merchant.id() + " is a " + merchant.role());
        }
        return profile;
    }
}
