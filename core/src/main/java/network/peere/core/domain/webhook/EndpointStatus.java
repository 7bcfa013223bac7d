package network.peere.core.domain.webhook;

/** Whether an endpoint receives deliveries. {@code GONE}: the receiver answered 410, so Peere stopped sending. */
public enum EndpointStatus {
    ENABLED,
    DISABLED,
    GONE;

    public boolean receives() {
        return this == ENABLED;
    }
}
