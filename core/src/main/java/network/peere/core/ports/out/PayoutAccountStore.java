package network.peere.core.ports.out;

import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.shared.Mode;

/** Where each merchant's payouts go. Joins the caller's transaction. */
public interface PayoutAccountStore {
    void save(Mode mode, ParticipantId merchantId, PayoutAccount account);

    Optional<PayoutAccount> find(Mode mode, ParticipantId merchantId);
}
