package network.peere.core.domain.link;

/** A link is payable while {@code active}; deactivation is final for new payments (running schedules go on). */
public enum LinkStatus {
    ACTIVE,
    INACTIVE
}
