package network.peere.core.domain.webhook;

/** A delivery is pending until a 2xx (delivered) or until its retries run out or its endpoint stops (failed). */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED
}
