package network.peere.core.domain.ratelimit;

import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;

/**
 * How much a participant's trust multiplies the default limits. Premium ×5 is spec/decisions.md; enhanced ×2 is our
 * choice (the docs only say "higher"). Banks, providers and operators get ×1: the operator overrides them as needed.
 */
public final class TrustScaling {
    private TrustScaling() {}

    public static int factor(TrustLevel level) {
        return switch (level) {
            case BASIC -> 1;
            case ENHANCED -> 2;
            case PREMIUM -> 5;
        };
    }

    public static int factor(Profile profile) {
        return switch (profile) {
            case Profile.MerchantProfile merchant -> factor(merchant.trust().level());
            case Profile.BankProfile bank -> 1;
            case Profile.ProviderProfile provider -> 1;
            case Profile.OperatorProfile operator -> 1;
        };
    }
}
