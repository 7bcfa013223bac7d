package network.peere.core.domain.participant.policy;

/** Why a merchant may not do something, in precedence order: the first failing rule decides. */
public enum DenialReason {
    MERCHANT_SUSPENDED,
    /** {@code trusted: false} blocks intents and billing in live mode. */
    MERCHANT_NOT_TRUSTED,
    TRUST_LEVEL_TOO_LOW,
    /** The merchant's provider (or the operator) switched device lookup off. */
    DEVICE_LOOKUP_DISABLED
}
