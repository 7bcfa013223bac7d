package network.peere.core.domain.refund;

/** {@code full}: everything still refundable; {@code partial}: less than that. */
public enum RefundType {
    FULL,
    PARTIAL
}
