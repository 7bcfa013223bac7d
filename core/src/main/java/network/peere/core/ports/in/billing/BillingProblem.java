package network.peere.core.ports.in.billing;

/** Why a billing use case (or one item of a batch) did nothing; each maps to one stable wire code. */
public enum BillingProblem {
    /** The provider's {@code entityId} is not one of its active merchants, or the caller is not a merchant. */
    MERCHANT_NOT_FOUND,
    MERCHANT_SUSPENDED,
    /** {@code trusted: false}: no intents or bills in live mode. */
    MERCHANT_NOT_TRUSTED,
    /** The intent type (or schedule) needs a higher trust level. */
    TRUST_LEVEL_TOO_LOW,
    /** More phrases in one call than the merchant's trust level allows. */
    BATCH_TOO_LARGE,
    /** A lookup phrase this network did not issue to this merchant (never says which). */
    PHRASE_NOT_FOUND,
    /** The phrase's customer is no longer on the network. */
    CUSTOMER_NOT_FOUND,
    /** The customer's bank is suspended. */
    BANK_UNAVAILABLE,
    /** The customer blocked this merchant: the intent is denied without reaching the bank. */
    MERCHANT_BLOCKED,
    /** No agreement (or decision) of this caller's by that phrase or id. */
    AGREEMENT_NOT_FOUND,
    AGREEMENT_NOT_APPROVED,
    AGREEMENT_SUSPENDED,
    AGREEMENT_REVOKED,
    AGREEMENT_EXPIRED,
    /** A one-time agreement already has its charge (pending or confirmed). */
    AGREEMENT_EXHAUSTED,
    /** Not positive, or more decimals than the currency has (never rounded). */
    INVALID_AMOUNT,
    CURRENCY_MISMATCH,
    AMOUNT_BELOW_MINIMUM,
    SPENDING_LIMIT_EXCEEDED,
    /** No intent of this bank's by that reference (for that customer and merchant). */
    INTENT_NOT_FOUND,
    INTENT_ALREADY_ANSWERED,
    INTENT_EXPIRED,
    /** An agreement's {@code expiresAt} must lie in the future. */
    INVALID_EXPIRY,
    /** A decision cannot be changed once the agreement is dead (denied, revoked, expired, used up). */
    AGREEMENT_FINAL,
    BILLING_REQUEST_NOT_FOUND,
    BILLING_REQUEST_ALREADY_ANSWERED,
    BILLING_REQUEST_EXPIRED,
    TRANSACTION_NOT_FOUND,
    /** Only sandbox banks can be simulated. */
    SIMULATION_NOT_ALLOWED,
    BANK_NOT_FOUND,
    /** No refund of this caller's by that id. */
    REFUND_NOT_FOUND,
    /** Only a completed (confirmed) charge can be refunded. */
    TRANSACTION_NOT_REFUNDABLE,
    /** The refund would take more than the charge's refundable remainder. */
    REFUND_EXCEEDS_REMAINDER,
    /** {@code full} must name exactly the remainder; {@code partial} less than it. */
    REFUND_TYPE_MISMATCH,
    /** The refund already completed or failed. */
    REFUND_ALREADY_FINAL,
    /** No settlement of this caller's by that id. */
    SETTLEMENT_NOT_FOUND,
    /** The payout has no such next status (already paid or failed, or there is no payout). */
    PAYOUT_STATUS_CONFLICT,
    /** The merchant has not set where its payouts go. */
    PAYOUT_ACCOUNT_NOT_FOUND,
    /** No recurring schedule of this caller's by that id. */
    SCHEDULE_NOT_FOUND,
    /** A schedule runs only on an {@code approve_recurring} agreement of a recurring or on-demand intent. */
    AGREEMENT_NOT_RECURRING,
    /** The schedule cannot move so: pause needs active, resume needs paused; cancelled and failed are final. */
    SCHEDULE_STATUS_CONFLICT,
    /** A schedule's start lies before today (in the bank's time zone). */
    INVALID_START_DATE,
    /** No payment link of this caller's (or, on the public pay routes, none at all) by that id. */
    PAYMENT_LINK_NOT_FOUND,
    /** The merchant already has a link with this {@code secret}: secrets identify links in callbacks. */
    DUPLICATE_LINK_SECRET,
    /** The callback URL is not one the webhook URL policy lets Peere call in this mode. */
    CALLBACK_URL_NOT_ALLOWED,
    /** The link was deactivated: it takes no new payments. */
    PAYMENT_LINK_INACTIVE,
    /** The link already has a payment (paid, running or waiting for the bank) by another customer. */
    PAYMENT_LINK_ALREADY_PAID,
    /**
     * Another customer's payment of the link is waiting for its bank (for at most {@link
     * network.peere.core.domain.link.LinkPayment#WAIT_HOLD}); try again later.
     */
    PAYMENT_LINK_BUSY,
    /** No payment of that link by that id. */
    LINK_PAYMENT_NOT_FOUND,
    /** The pay page was given an identity that is not the link's customer, or no e-mail or E.164 phone at all. */
    INVALID_IDENTITY,
    /** The link has no callback event by that id. */
    CALLBACK_NOT_FOUND,
    /** An end date before the start, or a maximum number of billings below 1. */
    INVALID_END,
    /** Someone else changed the object at the same moment; retrying is safe. */
    CONCURRENT_MODIFICATION
}
