package network.peere.core.ports.in.participant;

import java.util.Optional;
import network.peere.core.domain.participant.MerchantFilter;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/**
 * A provider reads its own merchants. Another provider's merchant, a direct merchant and an unknown id all answer
 * empty, so a provider never learns that someone else's merchant exists.
 */
public interface FindProviderMerchants {
    Optional<Participant> find(Mode mode, ParticipantId providerId, ParticipantId merchantId);

    /** Newest first, then by id. */
    Page<Participant> list(Mode mode, ParticipantId providerId, MerchantFilter filter, PageRequest page);
}
