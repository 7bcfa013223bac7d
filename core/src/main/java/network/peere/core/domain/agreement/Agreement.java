package network.peere.core.domain.agreement;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * What a customer allowed a merchant, through the customer's bank: who, which type of use, the decision, the limits
 * and the state. Immutable: every change returns the next version, or throws when the transition is not allowed (the
 * services check first and answer with a rejection; reaching the throw is a bug).
 */
public record Agreement(
        String id,
        Mode mode,
        ParticipantId merchantId,
        ParticipantId bankId,
        String customerId,
        IntentType type,
        Optional<CustomerDecision> decision,
        SpendingLimits limits,
        AgreementStatus status,
        Optional<Instant> expiresAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Agreement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
        if (status != AgreementStatus.PROPOSED && status != AgreementStatus.EXPIRED && decision.isEmpty()) {
            throw new IllegalArgumentException("a decided agreement carries its decision");
        }
    }

    /** Minted with the intent: its phrase travels to the bank but bills nothing until approved. */
    public static Agreement propose(
            String id,
            Mode mode,
            ParticipantId merchantId,
            ParticipantId bankId,
            String customerId,
            IntentType type,
            SpendingLimits requested,
            Instant now) {
        return new Agreement(
                id,
                mode,
                merchantId,
                bankId,
                customerId,
                type,
                Optional.empty(),
                requested,
                AgreementStatus.PROPOSED,
                Optional.empty(),
                now,
                now,
                1);
    }

    /** The bank's first answer, or a changed one (PUT customer-decisions): the limits are the bank's to set. */
    public Agreement decide(CustomerDecision newDecision, SpendingLimits granted, Instant now) {
        AgreementStatus next = switch (newDecision) {
            case APPROVE_ONCE, APPROVE_RECURRING -> AgreementStatus.ACTIVE;
            case SUSPENDED -> AgreementStatus.PAUSED;
            case DENY -> status == AgreementStatus.PROPOSED ? AgreementStatus.DENIED : AgreementStatus.REVOKED;
        };
        if (!granted.currency().equals(limits.currency())) {
            throw new IllegalArgumentException("limits stay in the agreement's currency " + limits.currency());
        }
        return moveTo(next, Optional.of(newDecision), granted, now);
    }

    public Agreement revoke(Instant now) {
        return moveTo(AgreementStatus.REVOKED, decision, limits, now);
    }

    public Agreement expire(Instant now) {
        return moveTo(AgreementStatus.EXPIRED, decision, limits, now);
    }

    /** After a confirmed charge: a one-time agreement is used up; others stay as they are. */
    public Agreement afterConfirmedCharge(Instant now) {
        return type == IntentType.ONE_TIME ? moveTo(AgreementStatus.EXHAUSTED, decision, limits, now) : this;
    }

    /** Whether a charge may be attempted now; why not otherwise, in precedence order. */
    public Optional<BillingRefusal> refusalToBill(Instant now) {
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            return Optional.of(BillingRefusal.AGREEMENT_EXPIRED);
        }
        return switch (status) {
            case ACTIVE -> Optional.empty();
            case PROPOSED -> Optional.of(BillingRefusal.AGREEMENT_NOT_APPROVED);
            case PAUSED -> Optional.of(BillingRefusal.AGREEMENT_SUSPENDED);
            case DENIED, REVOKED -> Optional.of(BillingRefusal.AGREEMENT_REVOKED);
            case EXPIRED -> Optional.of(BillingRefusal.AGREEMENT_EXPIRED);
            case EXHAUSTED -> Optional.of(BillingRefusal.AGREEMENT_EXHAUSTED);
        };
    }

    private Agreement moveTo(
            AgreementStatus next, Optional<CustomerDecision> nextDecision, SpendingLimits nextLimits, Instant now) {
        if (next != status && !status.canBecome(next)) {
            throw new IllegalStateException("agreement " + id + " cannot go from " + status + " to " + next);
        }
        return new Agreement(
                id,
                mode,
                merchantId,
                bankId,
                customerId,
                type,
                nextDecision,
                nextLimits,
                next,
                expiresAt,
                createdAt,
                now,
                version + 1);
    }

    /** Why an agreement cannot bill right now; each maps to one wire code. */
    public enum BillingRefusal {
        AGREEMENT_NOT_APPROVED,
        AGREEMENT_SUSPENDED,
        AGREEMENT_REVOKED,
        AGREEMENT_EXPIRED,
        AGREEMENT_EXHAUSTED
    }
}
