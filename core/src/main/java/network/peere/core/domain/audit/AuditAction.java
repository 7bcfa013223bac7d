package network.peere.core.domain.audit;

/** What changed. Stable names: they are stored and shown to operators in lower snake_case. */
public enum AuditAction {
    PARTICIPANT_CREATED,
    PARTICIPANT_SUSPENDED,
    PARTICIPANT_REACTIVATED,
    PARTICIPANT_UPDATED,
    BANK_TIME_ZONE_CHANGED,
    MERCHANT_TRUST_CHANGED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    RATE_LIMITS_CHANGED,
    WEBHOOK_ENDPOINT_CREATED,
    WEBHOOK_ENDPOINT_UPDATED,
    WEBHOOK_ENDPOINT_DELETED,
    WEBHOOK_SECRET_ROTATED,
    /** By the server, when a receiver answered 410 Gone. */
    WEBHOOK_ENDPOINT_DISABLED,
    WEBHOOK_EVENTS_REPLAYED,
    CUSTOMER_UPDATED
}
