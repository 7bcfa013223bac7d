package network.peere.core.domain.participant;

/** A suspended participant keeps its data but none of its keys authenticate until it is reactivated. */
public enum ParticipantStatus {
    ACTIVE,
    SUSPENDED;

    public boolean canBecome(ParticipantStatus next) {
        return this != next;
    }
}
