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
    CUSTOMER_UPDATED
}
