package network.peere.core.domain.agreement;

/** The bank's answer for its customer, with the public docs' names (lower snake_case on the wire). */
public enum CustomerDecision {
    /** Every charge still goes to the bank for the customer's yes. */
    APPROVE_ONCE,
    /** Charges within the limits are pre-approved by the customer; the bank still debits. */
    APPROVE_RECURRING,
    /** The agreement is dead. */
    DENY,
    /** The agreement is paused until the bank changes its decision. */
    SUSPENDED;

    public boolean approves() {
        return this == APPROVE_ONCE || this == APPROVE_RECURRING;
    }
}
