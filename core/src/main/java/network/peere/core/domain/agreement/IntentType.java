package network.peere.core.domain.agreement;

/**
 * What a merchant asks permission for (decisions.md, "Intents"): the type decides reuse — a one-time agreement is
 * used up by its first confirmed charge.
 */
public enum IntentType {
    ONE_TIME,
    RECURRING,
    ON_DEMAND
}
