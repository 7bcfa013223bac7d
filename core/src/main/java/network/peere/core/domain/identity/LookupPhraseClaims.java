package network.peere.core.domain.identity;

import java.util.Objects;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** What a merchant's lookup phrase stands for: one customer at one bank, for one merchant, in one mode. */
public record LookupPhraseClaims(Mode mode, ParticipantId bankId, CustomerId customerId, ParticipantId merchantId) {
    public LookupPhraseClaims {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(merchantId, "merchantId");
    }
}
