package network.peere.core.domain.ledger;

/** The kinds of ledger account; each account is one of these for one owner (a bank, a merchant, the network). */
public enum AccountType {
    /** What a bank owes the network for its customers' confirmed charges. */
    BANK_SETTLEMENT,
    /** What the network owes a merchant. */
    MERCHANT_PAYABLE,
    /** What the network owes a provider. */
    PROVIDER_PAYABLE,
    FEE_REVENUE,
    REFUNDS_IN_FLIGHT,
    PAYOUTS
}
