package network.peere.core.ports.in.participant;

import java.util.Optional;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** Reads of participants: the operator lists and fetches; a merchant reads its own profile. */
public interface FindParticipants {
    Optional<Participant> find(Mode mode, ParticipantId id);

    Page<Participant> list(Mode mode, ParticipantFilter filter, PageRequest page);
}
