package network.peere.http.support;

/**
 * Every error the API answers with: a stable snake_case {@code code} clients can switch on, its HTTP status and a
 * human title. docs/errors.md lists them; a code never changes meaning once published.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "Invalid request parameters"),
    MALFORMED_JSON(400, "Malformed JSON body"),
    AUTHENTICATION_REQUIRED(401, "Authentication required"),
    INVALID_API_KEY(401, "Invalid API key"),
    API_KEY_REVOKED(401, "API key revoked"),
    PARTICIPANT_SUSPENDED(403, "Participant suspended"),
    INSUFFICIENT_PERMISSIONS(403, "Insufficient permissions"),
    MERCHANT_SUSPENDED(403, "Merchant suspended"),
    MERCHANT_NOT_TRUSTED(403, "Merchant not trusted"),
    TRUST_LEVEL_TOO_LOW(403, "Trust level too low"),
    DEVICE_LOOKUP_NOT_ALLOWED(403, "Device lookup not allowed"),
    MERCHANT_BLOCKED(403, "Merchant blocked by the customer"),
    ROUTE_NOT_FOUND(404, "No such route"),
    PARTICIPANT_NOT_FOUND(404, "Participant not found"),
    BANK_NOT_FOUND(404, "Bank not found"),
    PROVIDER_NOT_FOUND(404, "Provider not found"),
    API_KEY_NOT_FOUND(404, "API key not found"),
    MERCHANT_NOT_FOUND(404, "Merchant not found"),
    WEBHOOK_ENDPOINT_NOT_FOUND(404, "Webhook endpoint not found"),
    WEBHOOK_EVENT_NOT_FOUND(404, "Webhook event not found"),
    CUSTOMER_NOT_FOUND(404, "Customer not found"),
    DEVICE_NOT_FOUND(404, "Device not found"),
    BATCH_NOT_FOUND(404, "Batch not found"),
    PHRASE_NOT_FOUND(404, "Lookup phrase not found"),
    AGREEMENT_NOT_FOUND(404, "Agreement not found"),
    INTENT_NOT_FOUND(404, "Billing intent not found"),
    BILLING_REQUEST_NOT_FOUND(404, "Billing request not found"),
    TRANSACTION_NOT_FOUND(404, "Transaction not found"),
    REFUND_NOT_FOUND(404, "Refund not found"),
    SETTLEMENT_NOT_FOUND(404, "Settlement not found"),
    PAYOUT_ACCOUNT_NOT_FOUND(404, "Payout account not set"),
    FEE_SCHEDULE_NOT_FOUND(404, "Fee schedule not set"),
    SCHEDULE_NOT_FOUND(404, "Recurring schedule not found"),
    PAYMENT_LINK_NOT_FOUND(404, "Payment link not found"),
    LINK_PAYMENT_NOT_FOUND(404, "Link payment not found"),
    CALLBACK_NOT_FOUND(404, "Callback not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    PARTICIPANT_STATUS_CONFLICT(409, "Participant already in that status"),
    API_KEY_ALREADY_REVOKED(409, "API key already revoked"),
    CONCURRENT_MODIFICATION(409, "Changed concurrently; retry"),
    DUPLICATE_MERCHANT(409, "Merchant already exists"),
    DUPLICATE_LINK_SECRET(409, "Payment link secret already used"),
    PAYMENT_LINK_INACTIVE(409, "Payment link inactive"),
    PAYMENT_LINK_ALREADY_PAID(409, "Payment link already paid"),
    PAYMENT_LINK_BUSY(409, "Payment link busy"),
    WEBHOOK_ENDPOINT_DISABLED(409, "Webhook endpoint disabled"),
    DEVICE_ALREADY_LINKED(409, "Device linked to another customer"),
    AGREEMENT_NOT_APPROVED(409, "Agreement not approved yet"),
    AGREEMENT_SUSPENDED(409, "Agreement suspended"),
    AGREEMENT_REVOKED(409, "Agreement revoked or denied"),
    AGREEMENT_EXPIRED(409, "Agreement expired"),
    AGREEMENT_EXHAUSTED(409, "Agreement used up"),
    AGREEMENT_FINAL(409, "Agreement can no longer change"),
    INTENT_ALREADY_ANSWERED(409, "Billing intent already answered"),
    INTENT_EXPIRED(409, "Billing intent expired"),
    BILLING_REQUEST_ALREADY_ANSWERED(409, "Billing request already answered"),
    BILLING_REQUEST_EXPIRED(409, "Billing request expired"),
    TRANSACTION_NOT_REFUNDABLE(409, "Transaction not refundable"),
    REFUND_ALREADY_FINAL(409, "Refund already completed or failed"),
    PAYOUT_STATUS_CONFLICT(409, "Payout status cannot change so"),
    SCHEDULE_STATUS_CONFLICT(409, "Recurring schedule status cannot change so"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    URI_TOO_LONG(414, "URI too long"),
    HEADERS_TOO_LARGE(431, "Request headers too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    PROVIDER_SUSPENDED(422, "Provider suspended"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    WEBHOOK_URL_NOT_ALLOWED(422, "Webhook URL not allowed"),
    CALLBACK_URL_NOT_ALLOWED(422, "Callback URL not allowed"),
    WEBHOOK_ENDPOINT_LIMIT_REACHED(422, "Too many webhook endpoints"),
    BATCH_TOO_LARGE(422, "Batch too large"),
    TOO_MANY_DEVICES(422, "Too many devices"),
    BANK_UNAVAILABLE(422, "Customer's bank unavailable"),
    INVALID_AMOUNT(422, "Invalid amount"),
    CURRENCY_MISMATCH(422, "Currency mismatch"),
    AMOUNT_BELOW_MINIMUM(422, "Amount below minimum"),
    SPENDING_LIMIT_EXCEEDED(422, "Spending limit exceeded"),
    SIMULATION_NOT_ALLOWED(422, "Bank simulation not allowed"),
    REFUND_EXCEEDS_REMAINDER(422, "Refund exceeds what remains"),
    REFUND_TYPE_MISMATCH(422, "Refund type does not match the amount"),
    AGREEMENT_NOT_RECURRING(422, "Agreement not approved for recurring billing"),
    INVALID_START_DATE(422, "Start date in the past"),
    INVALID_EXPIRY(422, "Expiry not in the future"),
    INVALID_END(422, "End before the start"),
    INVALID_IDENTITY(422, "Not this link's customer"),
    RATE_LIMITED(429, "Rate limit exceeded"),
    INTERNAL_ERROR(500, "Internal error"),
    NOT_READY(503, "Service not ready");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The code of an error status raised without one of its own (by Jetty, Javalin or a refused body). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 404 -> ROUTE_NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
