package network.peere.core.ports.in.billing;

/**
 * Ends what nobody answered in time: intents past their due date expire (the merchant hears
 * {@code billing.intent.response} with status {@code expired}); billing requests past theirs are declined with reason
 * {@code expired} and give back their limits. Safe to run from several processes at once: each object moves once.
 */
public interface RunBillingDeadlines {
    /** @return how many intents and billing requests were ended */
    int expireDue(int limit);
}
