package network.peere.core.ports.in.participant;

import java.time.ZoneId;
import java.util.Objects;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** The operator suspends or reactivates a participant, or sets a bank's time zone. */
public interface ChangeParticipant {
    Change suspend(Mode mode, ParticipantId id, Actor actor);

    Change reactivate(Mode mode, ParticipantId id, Actor actor);

    Change setBankTimeZone(Mode mode, ParticipantId bankId, ZoneId timeZone, Actor actor);

    sealed interface Change {
        record Changed(Participant participant) implements Change {
            public Changed {
                Objects.requireNonNull(participant, "participant");
            }
        }

        record Rejected(Rejection reason) implements Change {}
    }

    /** In precedence order. */
    enum Rejection {
        PARTICIPANT_NOT_FOUND,
        NOT_A_BANK,
        ALREADY_IN_THAT_STATUS,
        /** Someone else changed the participant between our read and our write; retrying is safe. */
        CONCURRENT_CHANGE
    }
}
