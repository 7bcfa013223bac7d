package network.peere.core.domain.link;

/**
 * Where one customer's payment of a link stands. {@code awaiting_approval}: the billing intent is at the customer's
 * bank. {@code processing}: approved, the first period's charge is at the bank. {@code paid}: a one-off link's charge
 * was confirmed. {@code active}: a recurring link's first period was paid and it renews. {@code declined}: the bank
 * denied, suspended or never answered the intent. {@code failed}: a charge failed for good. {@code cancelled}: the
 * subscription was cancelled or its agreement revoked.
 */
public enum LinkPaymentStatus {
    AWAITING_APPROVAL,
    PROCESSING,
    PAID,
    ACTIVE,
    DECLINED,
    FAILED,
    CANCELLED;

    /**
     * Whether the payment holds its link: a link has at most one payment in these states at a time, so a second
     * customer cannot pay a link someone is paying or has paid.
     */
    public boolean holdsLink() {
        return this == AWAITING_APPROVAL || this == PROCESSING || this == PAID || this == ACTIVE;
    }

    public boolean isFinal() {
        return this == PAID || this == DECLINED || this == FAILED || this == CANCELLED;
    }
}
