package network.peere.core.domain.webhook;

import java.util.Optional;

/**
 * What a webhook event announces. The wire name is dotted ({@code billing.intent}), as the public docs name them;
 * endpoints subscribe by wire name.
 */
public enum EventType {
    PARTICIPANT_CREATED("participant.created"),
    API_KEY_REVOKED("api_key.revoked"),
    /** To a bank, when a customer migration batch has been processed. */
    CUSTOMERS_BATCH_COMPLETED("customers.batch.completed"),
    WEBHOOK_TEST("webhook.test"),
    WEBHOOK_DELIVERY_EXHAUSTED("webhook.delivery.exhausted"),
    BILLING_INTENT("billing.intent"),
    BILLING_INTENT_RESPONSE("billing.intent.response"),
    BILLING_REQUEST("billing.request"),
    BILLING_RESPONSE("billing.response"),
    /** To a bank, when the merchant (or its provider) revokes an agreement or withdraws an intent. */
    AGREEMENT_REVOKED("agreement.revoked"),
    /** To a bank: credit this customer (a refund of one of its charges). */
    REFUND_REQUEST("refund.request"),
    /** To the merchant (and its provider): the bank is processing, completed or failed a refund. */
    REFUND_RESPONSE("refund.response"),
    /** To the merchant (and its provider): a settlement window closed, with its payout or carry. */
    SETTLEMENT_COMPLETED("settlement.completed"),
    /** To a bank: a pre-debit notice, the exact amount of a recurring schedule's next run and when it is due. */
    RECURRING_UPCOMING("recurring.upcoming"),
    /**
     * To the merchant: a payment link's payment was paid, failed or cancelled. Sent form-encoded to the link's callback
     * URL (peerwallet-api.md §2.3) and, as JSON, to the merchant's endpoints that subscribe to it.
     */
    PAYMENT_LINK_CALLBACK("payment_link.callback");

    public static final int WIRE_LENGTH_MAX = 64;

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventType> fromWire(String value) {
        for (EventType type : values()) {
            if (type.wire.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
