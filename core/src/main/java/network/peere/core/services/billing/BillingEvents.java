package network.peere.core.services.billing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.ports.in.webhook.PublishEvents;

/**
 * The billing webhooks' items (public docs §2, plus {@code billing.request}), written in the transaction of the change
 * they announce. Merchant events go to the merchant and, when it has one, to its provider.
 */
final class BillingEvents {
    private final PublishEvents events;
    private final Parties parties;

    BillingEvents(PublishEvents events, Parties parties) {
        this.events = Objects.requireNonNull(events, "events");
        this.parties = Objects.requireNonNull(parties, "parties");
    }

    /**
     * {@code billing.intent} to the bank: what its customer is asked, and the phrase that will bill if approved. The
     * first event about the agreement, created in the caller's transaction.
     */
    void intentSent(Agreement agreement, Customer customer, Participant merchant) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("customerId", customer.id().value());
        item.put("customerEmail", customer.details().email().value());
        item.put("lookupPhrase", agreement.lookupPhrase());
        item.put("agreementPhrase", agreement.agreementPhrase());
        item.put("customerDecisionId", agreement.id());
        item.put("currency", agreement.currency().getCurrencyCode());
        item.put("merchant", merchantCard(merchant));
        item.put("description", agreement.description());
        item.put("reference", agreement.intentReference());
        item.put("type", WireEnums.wireName(agreement.type()));
        item.put("amount", agreement.amount().map(Money::toMajor).orElse(null));
        item.put("spendingLimits", limits(agreement.requested()));
        item.put("dueDate", agreement.dueDate());
        item.put("metadata", agreement.metadata().orElse(null));
        events.publishFirst(agreement.mode(), agreement.bankId(), EventType.BILLING_INTENT, agreement.id(), item);
    }

    /** {@code billing.intent.response} to the merchant (and its provider): a decision, a change, expiry, revocation. */
    void decisionMade(Agreement agreement, Participant merchant) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("customerId", agreement.customerId().value());
        item.put("agreementPhrase", agreement.agreementPhrase());
        item.put("customerDecisionId", agreement.id());
        item.put("entityId", agreement.merchantId().value());
        item.put("lookupPhrase", agreement.lookupPhrase());
        item.put(
                "customerDecision",
                agreement.decision().map(WireEnums::wireName).orElse(null));
        item.put("status", WireEnums.wireName(agreement.status()));
        item.put("spendingLimits", limits(agreement.limits()));
        item.put("currency", agreement.currency().getCurrencyCode());
        item.put("bankId", agreement.bankId().value());
        item.put("blockMerchant", agreement.blockMerchant());
        item.put("expiresAt", agreement.expiresAt().orElse(null));
        item.put("reference", agreement.intentReference());
        item.put("metadata", agreement.metadata().orElse(null));
        item.put("updatedAt", agreement.updatedAt());
        toMerchant(merchant, EventType.BILLING_INTENT_RESPONSE, agreement.id(), item);
    }

    /** {@code agreement.revoked} to the bank, when the merchant side ends an agreement. */
    void revokedByMerchant(Agreement agreement) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("customerDecisionId", agreement.id());
        item.put("customerId", agreement.customerId().value());
        item.put("entityId", agreement.merchantId().value());
        item.put("agreementPhrase", agreement.agreementPhrase());
        item.put("reference", agreement.intentReference());
        item.put("metadata", agreement.metadata().orElse(null));
        item.put("revokedAt", agreement.updatedAt());
        events.publish(agreement.mode(), agreement.bankId(), EventType.AGREEMENT_REVOKED, agreement.id(), item);
    }

    /** {@code billing.request} to the bank: debit this customer, answer with {@code POST /v1/billing/bank-response}. */
    void chargeRequested(Charge charge, Agreement agreement, Participant merchant, Optional<String> scheduleId) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("billingRequestId", charge.id());
        item.put("reference", charge.id());
        item.put("customerId", charge.customerId().value());
        item.put("customerDecisionId", agreement.id());
        item.put("agreementPhrase", agreement.agreementPhrase());
        item.put(
                "customerDecision",
                agreement.decision().map(WireEnums::wireName).orElse(null));
        item.put("amount", charge.amount().toMajor());
        item.put("currency", charge.amount().currency().getCurrencyCode());
        item.put("description", charge.description());
        item.put("merchant", merchantCard(merchant));
        item.put("dueDate", charge.dueAt());
        item.put("metadata", charge.metadata().orElse(null));
        item.put("createdAt", charge.createdAt());
        scheduleId.ifPresent(id -> item.put("scheduleId", id));
        events.publishFirst(charge.mode(), charge.bankId(), EventType.BILLING_REQUEST, charge.id(), item);
    }

    /** {@code billing.response} to the merchant (and its provider): the bank's answer, or the expiry. */
    void chargeAnswered(Charge charge, Participant merchant, Optional<String> scheduleId) {
        toMerchant(merchant, EventType.BILLING_RESPONSE, charge.id(), answeredItem(charge, merchant, scheduleId));
    }

    /**
     * {@link #chargeAnswered} for several charges answered in one transaction (none a schedule's renewal), written
     * together.
     *
     * @param merchants each charge's merchant, by id
     */
    void chargesAnswered(Mode mode, List<Charge> charges, Map<ParticipantId, Participant> merchants) {
        List<PublishEvents.Draft> drafts = new ArrayList<>();
        for (Charge charge : charges) {
            Participant merchant = merchants.get(charge.merchantId());
            Map<String, Object> item = answeredItem(charge, merchant, Optional.empty());
            for (ParticipantId recipient : parties.merchantSide(merchant)) {
                drafts.add(new PublishEvents.Draft(recipient, EventType.BILLING_RESPONSE, charge.id(), item));
            }
        }
        events.publishAll(mode, drafts);
    }

    private static Map<String, Object> answeredItem(Charge charge, Participant merchant, Optional<String> scheduleId) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("customerId", charge.customerId().value());
        item.put("amount", charge.amount().toMajor());
        item.put("currency", charge.amount().currency().getCurrencyCode());
        item.put("reference", charge.id());
        item.put("customerDecisionId", charge.agreementId());
        item.put("merchant", Map.of("id", merchant.id().value(), "name", merchant.name()));
        item.put("customerAction", charge.accepted() ? "accepted" : "declined");
        item.put("declineReason", charge.declineReason().orElse(null));
        item.put("isSettled", false);
        item.put("bankTransactionId", charge.bankTransactionId().orElse(null));
        item.put("processedAt", charge.processedAt().orElse(null));
        item.put("metadata", charge.metadata().orElse(null));
        scheduleId.ifPresent(id -> item.put("scheduleId", id));
        return item;
    }

    private void toMerchant(Participant merchant, EventType type, String objectId, Map<String, Object> item) {
        for (ParticipantId recipient : parties.merchantSide(merchant)) {
            events.publish(merchant.mode(), recipient, type, objectId, item);
        }
    }

    private static Map<String, Object> merchantCard(Participant merchant) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("id", merchant.id().value());
        card.put("name", merchant.name());
        card.put("email", merchant.email());
        Optional<Profile.MerchantProfile> profile =
                merchant.profile() instanceof Profile.MerchantProfile p ? Optional.of(p) : Optional.empty();
        card.put("icon", profile.flatMap(p -> p.contact().icon()).orElse(null));
        card.put("website", profile.flatMap(p -> p.contact().website()).orElse(null));
        return card;
    }

    static Map<String, Object> limits(SpendingLimits limits) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (LimitKind kind : LimitKind.values()) {
            limits.cap(kind).ifPresent(cap -> out.put(WireEnums.wireName(kind), cap.toMajor()));
        }
        return out;
    }
}
