package network.peere.core.domain.participant.policy;

import java.util.Objects;

/** {@link MerchantPolicy}'s answer; callers switch over it and map a denial to its wire code. */
public sealed interface Permission {
    record Allowed() implements Permission {}

    record Denied(DenialReason reason) implements Permission {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
