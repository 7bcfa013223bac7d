package network.peere.core.domain.agreement;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * A billing intent and the agreement it becomes, as one record: what a merchant asked (type, currency, description,
 * requested limits, metadata), the bank's answer for its customer (decision, granted limits, {@code blockMerchant})
 * and the agreement's state. Its {@code id} is the customer decision id on the wire; {@code intentReference} names
 * the intent to the bank; {@code agreementPhrase} is what the merchant bills with once approved. Immutable: every
 * change returns the next version, or throws when the transition is not allowed (services check first and answer
 * with a rejection; reaching the throw is a bug). {@code expiresAt}, when the bank set one, is the instant from which
 * the agreement bills nothing: exact on the money path, and recorded as EXPIRED by the expiry sweep.
 */
public record Agreement(
        String id,
        Mode mode,
        ParticipantId merchantId,
        ParticipantId bankId,
        CustomerId customerId,
        String lookupPhrase,
        String agreementPhrase,
        String intentReference,
        IntentType type,
        String description,
        Optional<Money> amount,
        SpendingLimits requested,
        Optional<Metadata> metadata,
        Optional<CustomerDecision> decision,
        SpendingLimits limits,
        boolean blockMerchant,
        Optional<Instant> expiresAt,
        AgreementStatus status,
        Instant dueDate,
        Instant createdAt,
        Optional<Instant> decidedAt,
        Optional<Instant> lastUsedAt,
        Instant updatedAt,
        long version) {
    public static final String ID_PREFIX = "cd";
    public static final String INTENT_PREFIX = "intent";
    public static final String PHRASE_PREFIX = "agp";
    public static final int DESCRIPTION_LENGTH_MAX = 500;

    public Agreement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(lookupPhrase, "lookupPhrase");
        Objects.requireNonNull(agreementPhrase, "agreementPhrase");
        Objects.requireNonNull(intentReference, "intentReference");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!isValidDescription(description)) {
            throw new IllegalArgumentException("a description is 1-" + DESCRIPTION_LENGTH_MAX + " characters");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
        if (!limits.currency().equals(requested.currency())) {
            throw new IllegalArgumentException("an agreement has one currency");
        }
        amount.ifPresent(a -> {
            if (!a.currency().equals(requested.currency()) || !a.isPositive()) {
                throw new IllegalArgumentException("an intent's amount is positive, in the agreement's currency");
            }
        });
        // An intent withdrawn before its answer (PENDING → REVOKED) has no decision either.
        if (status != AgreementStatus.PENDING
                && status != AgreementStatus.EXPIRED
                && status != AgreementStatus.REVOKED
                && decision.isEmpty()) {
            throw new IllegalArgumentException("a decided agreement carries its decision");
        }
    }

    public static boolean isValidDescription(String description) {
        return description != null && !description.isBlank() && description.length() <= DESCRIPTION_LENGTH_MAX;
    }

    /** What a merchant's intent for one customer holds before the bank answers. */
    public record Proposal(
            Mode mode,
            ParticipantId merchantId,
            ParticipantId bankId,
            CustomerId customerId,
            String lookupPhrase,
            IntentType type,
            String description,
            Optional<Money> amount,
            SpendingLimits requested,
            Optional<Metadata> metadata) {
        public Proposal {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(merchantId, "merchantId");
            Objects.requireNonNull(bankId, "bankId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(lookupPhrase, "lookupPhrase");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(requested, "requested");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** Minted with the intent: its phrase travels to the bank but bills nothing until approved. */
    public static Agreement propose(
            String id, String intentReference, String agreementPhrase, Proposal p, Instant dueDate, Instant now) {
        if (!dueDate.isAfter(now)) {
            throw new IllegalArgumentException("an intent is due after it is sent");
        }
        return new Agreement(
                id,
                p.mode(),
                p.merchantId(),
                p.bankId(),
                p.customerId(),
                p.lookupPhrase(),
                agreementPhrase,
                intentReference,
                p.type(),
                p.description(),
                p.amount(),
                p.requested(),
                p.metadata(),
                Optional.empty(),
                p.requested(),
                false,
                Optional.empty(),
                AgreementStatus.PENDING,
                dueDate,
                now,
                Optional.empty(),
                Optional.empty(),
                now,
                1);
    }

    public Currency currency() {
        return limits.currency();
    }

    /**
     * The bank's first answer, or a changed one (PUT customer-decisions): the limits are the bank's to set; an
     * approval without limits keeps what the merchant asked for. A one-time intent with an amount never allows more
     * than that amount per charge. {@code expiry} is when the agreement ends, if ever (the caller keeps, sets or
     * clears it; a service refuses one that is not in the future).
     */
    public Agreement decide(
            CustomerDecision newDecision,
            Optional<SpendingLimits> granted,
            boolean block,
            Optional<Instant> expiry,
            Instant now) {
        AgreementStatus next = switch (newDecision) {
            case APPROVE_ONCE, APPROVE_RECURRING -> AgreementStatus.ACTIVE;
            case SUSPENDED -> AgreementStatus.PAUSED;
            case DENY -> status == AgreementStatus.PENDING ? AgreementStatus.DENIED : AgreementStatus.REVOKED;
        };
        SpendingLimits nextLimits = granted.map(this::capOneTime).orElse(limits);
        if (!nextLimits.currency().equals(currency())) {
            throw new IllegalArgumentException("limits stay in the agreement's currency " + currency());
        }
        return moveTo(
                next, Optional.of(newDecision), nextLimits, block, expiry, decidedAt.or(() -> Optional.of(now)), now);
    }

    /** {@link #decide(CustomerDecision, Optional, boolean, Optional, Instant)}, the expiry kept as it is. */
    public Agreement decide(
            CustomerDecision newDecision, Optional<SpendingLimits> granted, boolean block, Instant now) {
        return decide(newDecision, granted, block, expiresAt, now);
    }

    /** Whatever limits a bank grants, a one-time intent's amount stays the most one charge may take. */
    private SpendingLimits capOneTime(SpendingLimits granted) {
        if (type != IntentType.ONE_TIME
                || amount.isEmpty()
                || !granted.currency().equals(currency())) {
            return granted;
        }
        java.util.Map<LimitKind, Money> caps = new java.util.EnumMap<>(LimitKind.class);
        caps.putAll(granted.caps());
        caps.merge(LimitKind.SINGLE, amount.get(), Money::min);
        return new SpendingLimits(granted.currency(), caps);
    }

    public Agreement revoke(Instant now) {
        return moveTo(AgreementStatus.REVOKED, decision, limits, blockMerchant, expiresAt, decidedAt, now);
    }

    /** An intent nobody answered by its due date, or an agreement past the expiry its bank set. */
    public Agreement expire(Instant now) {
        return moveTo(AgreementStatus.EXPIRED, decision, limits, blockMerchant, expiresAt, decidedAt, now);
    }

    /** A bank declined a charge with {@code suspended}: the agreement pauses until the bank changes its decision. */
    public Agreement suspend(Instant now) {
        return moveTo(
                AgreementStatus.PAUSED,
                Optional.of(CustomerDecision.SUSPENDED),
                limits,
                blockMerchant,
                expiresAt,
                decidedAt,
                now);
    }

    /** After a confirmed charge: a one-time agreement is used up; others stay as they are. */
    public Agreement afterConfirmedCharge(Instant now) {
        return type == IntentType.ONE_TIME && status == AgreementStatus.ACTIVE
                ? moveTo(AgreementStatus.EXHAUSTED, decision, limits, blockMerchant, expiresAt, decidedAt, now)
                : this;
    }

    /**
     * The bank's block on the merchant, set or lifted, and nothing else: the one change a final agreement (denied,
     * revoked, expired, used up) still takes, since a block recorded with a denial stops every later intent.
     */
    public Agreement withBlockMerchant(boolean block, Instant now) {
        return next(status, decision, limits, block, expiresAt, decidedAt, lastUsedAt, now);
    }

    /** A charge was accepted on it: the public docs' {@code lastUsed}. Written under the row lock the bill holds. */
    public Agreement billedAt(Instant at) {
        return next(status, decision, limits, blockMerchant, expiresAt, decidedAt, Optional.of(at), updatedAt);
    }

    /** Whether the bank may still answer the intent: only once, and only before it is due. */
    public boolean awaitsDecision(Instant now) {
        return status == AgreementStatus.PENDING && now.isBefore(dueDate);
    }

    /** Whether the bank's expiry has come: from that instant on the agreement bills nothing. */
    public boolean isPastExpiry(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /**
     * Whether it is live (active or paused) but past the expiry its bank set: over from that instant, though the
     * sweep has not recorded it yet.
     */
    public boolean isLapsed(Instant now) {
        return (status == AgreementStatus.ACTIVE || status == AgreementStatus.PAUSED) && isPastExpiry(now);
    }

    /**
     * The agreement as a read shows it at {@code now}: once lapsed, {@code expired} from the expiry instant (the
     * stored row changes only by the sweep).
     */
    public Agreement asOf(Instant now) {
        if (!isLapsed(now)) {
            return this;
        }
        return changed(
                AgreementStatus.EXPIRED,
                decision,
                limits,
                blockMerchant,
                expiresAt,
                decidedAt,
                lastUsedAt,
                expiresAt.orElseThrow(),
                version);
    }

    /** Whether a charge may be attempted now; why not otherwise, in precedence order. */
    public Optional<BillingRefusal> refusalToBill(Instant now) {
        return switch (asOf(now).status()) {
            case ACTIVE -> Optional.empty();
            case PENDING -> Optional.of(BillingRefusal.AGREEMENT_NOT_APPROVED);
            case PAUSED -> Optional.of(BillingRefusal.AGREEMENT_SUSPENDED);
            case DENIED, REVOKED -> Optional.of(BillingRefusal.AGREEMENT_REVOKED);
            case EXPIRED -> Optional.of(BillingRefusal.AGREEMENT_EXPIRED);
            case EXHAUSTED -> Optional.of(BillingRefusal.AGREEMENT_EXHAUSTED);
        };
    }

    private Agreement moveTo(
            AgreementStatus next,
            Optional<CustomerDecision> nextDecision,
            SpendingLimits nextLimits,
            boolean block,
            Optional<Instant> nextExpiresAt,
            Optional<Instant> nextDecidedAt,
            Instant now) {
        if (next != status && !status.canBecome(next)) {
            throw new IllegalStateException("agreement " + id + " cannot go from " + status + " to " + next);
        }
        return next(next, nextDecision, nextLimits, block, nextExpiresAt, nextDecidedAt, lastUsedAt, now);
    }

    /** The next version with what may change; everything the intent fixed stays. */
    private Agreement next(
            AgreementStatus nextStatus,
            Optional<CustomerDecision> nextDecision,
            SpendingLimits nextLimits,
            boolean block,
            Optional<Instant> nextExpiresAt,
            Optional<Instant> nextDecidedAt,
            Optional<Instant> nextLastUsedAt,
            Instant nextUpdatedAt) {
        return changed(
                nextStatus,
                nextDecision,
                nextLimits,
                block,
                nextExpiresAt,
                nextDecidedAt,
                nextLastUsedAt,
                nextUpdatedAt,
                version + 1);
    }

    /** This agreement with what may change set as given, at {@code atVersion}. */
    private Agreement changed(
            AgreementStatus nextStatus,
            Optional<CustomerDecision> nextDecision,
            SpendingLimits nextLimits,
            boolean block,
            Optional<Instant> nextExpiresAt,
            Optional<Instant> nextDecidedAt,
            Optional<Instant> nextLastUsedAt,
            Instant nextUpdatedAt,
            long atVersion) {
        return new Agreement(
                id,
                mode,
                merchantId,
                bankId,
                customerId,
                lookupPhrase,
                agreementPhrase,
                intentReference,
                type,
                description,
                amount,
                requested,
                metadata,
                nextDecision,
                nextLimits,
                block,
                nextExpiresAt,
                nextStatus,
                dueDate,
                createdAt,
                nextDecidedAt,
                nextLastUsedAt,
                nextUpdatedAt,
                atVersion);
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
