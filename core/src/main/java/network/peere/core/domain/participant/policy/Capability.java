package network.peere.core.domain.participant.policy;

/** What a merchant may ask the network to do; {@link MerchantPolicy} decides whether it may. */
public enum Capability {
    LOOK_UP_BY_IDENTITY,
    LOOK_UP_BY_DEVICE,
    ONE_TIME_INTENT,
    RECURRING_INTENT,
    ON_DEMAND_INTENT,
    RECURRING_SCHEDULE,
    BILL;

    /** Creating intents and billing move towards money; an untrusted merchant may not do them in live mode. */
    public boolean movesMoney() {
        return switch (this) {
            case ONE_TIME_INTENT, RECURRING_INTENT, ON_DEMAND_INTENT, RECURRING_SCHEDULE, BILL -> true;
            case LOOK_UP_BY_IDENTITY, LOOK_UP_BY_DEVICE -> false;
        };
    }
}
