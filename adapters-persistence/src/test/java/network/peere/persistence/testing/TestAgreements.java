package network.peere.persistence.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * Agreements for tests: {@code agreement(mode, n)} is a recurring intent of merchant {@code mer_1} for customer
 * {@code cus_1} at {@code bank_1}, sent at {@link TestParticipants#T0} and due an hour later; {@code n} makes its id,
 * phrases and reference unique. Change what a test needs with the builder's setters.
 */
public final class TestAgreements {
    public static final Currency NGN = Currency.getInstance("NGN");
    public static final Duration DUE_AFTER = Duration.ofHours(1);

    private TestAgreements() {}

    public static Builder agreement(Mode mode, String n) {
        return new Builder(mode, n);
    }

    /** Every optional field given and every limit set, decided and used, for round trips. */
    public static Builder agreementWithEverything(Mode mode, String n) {
        Instant decided = TestParticipants.T0.plusSeconds(90);
        return agreement(mode, n)
                .type(IntentType.ONE_TIME)
                .description("Ọlá’s bakery — one loaf, délivered 🍞")
                .amount(Optional.of(Money.of(5_000, "NGN")))
                .requested(limits(Map.of(
                        LimitKind.SINGLE, 5_000L,
                        LimitKind.DAILY, 10_000L,
                        LimitKind.WEEKLY, 30_000L,
                        LimitKind.MONTHLY, 90_000L)))
                .metadata(Optional.of(new Metadata("{\"order\":\"Ọlá-42\",\"emoji\":\"🍞\",\"n\":1.5}")))
                .decision(Optional.of(CustomerDecision.APPROVE_RECURRING))
                .limits(limits(Map.of(LimitKind.SINGLE, 4_000L, LimitKind.MONTHLY, 60_000L)))
                .blockMerchant(true)
                .expiresAt(decided.plus(Duration.ofDays(30)).plusNanos(123_456_000))
                .status(AgreementStatus.ACTIVE)
                .decidedAt(Optional.of(decided))
                .lastUsedAt(Optional.of(decided.plusSeconds(60)))
                .updatedAt(decided.plusSeconds(60))
                .version(3);
    }

    /** NGN caps in minor units. */
    public static SpendingLimits limits(Map<LimitKind, Long> caps) {
        var money = new java.util.EnumMap<LimitKind, Money>(LimitKind.class);
        caps.forEach((kind, minor) -> money.put(kind, new Money(minor, NGN)));
        return new SpendingLimits(NGN, money);
    }

    public static final class Builder {
        private String id;
        private Mode mode;
        private ParticipantId merchantId = new ParticipantId("mer_1");
        private ParticipantId bankId = new ParticipantId("bank_1");
        private CustomerId customerId = new CustomerId("cus_1");
        private String lookupPhrase;
        private String agreementPhrase;
        private String intentReference;
        private IntentType type = IntentType.RECURRING;
        private String description = "Monthly plan";
        private Optional<Money> amount = Optional.empty();
        private SpendingLimits requested = TestAgreements.limits(Map.of(LimitKind.DAILY, 10_000L));
        private Optional<Metadata> metadata = Optional.empty();
        private Optional<CustomerDecision> decision = Optional.empty();
        private SpendingLimits limits = requested;
        private boolean blockMerchant;
        private Optional<Instant> expiresAt = Optional.empty();
        private AgreementStatus status = AgreementStatus.PENDING;
        private Instant createdAt = TestParticipants.T0;
        private Instant dueDate = createdAt.plus(DUE_AFTER);
        private Optional<Instant> decidedAt = Optional.empty();
        private Optional<Instant> lastUsedAt = Optional.empty();
        private Instant updatedAt = createdAt;
        private long version = 1;

        private Builder(Mode mode, String n) {
            this.mode = mode;
            this.id = Agreement.ID_PREFIX + "_" + n;
            this.lookupPhrase = "lkp_" + n;
            this.agreementPhrase = Agreement.PHRASE_PREFIX + "_" + n;
            this.intentReference = Agreement.INTENT_PREFIX + "_" + n;
        }

        public Builder merchant(String value) {
            merchantId = new ParticipantId(value);
            return this;
        }

        public Builder bank(String value) {
            bankId = new ParticipantId(value);
            return this;
        }

        public Builder customer(String value) {
            customerId = new CustomerId(value);
            return this;
        }

        public Builder lookupPhrase(String value) {
            lookupPhrase = value;
            return this;
        }

        public Builder agreementPhrase(String value) {
            agreementPhrase = value;
            return this;
        }

        public Builder intentReference(String value) {
            intentReference = value;
            return this;
        }

        public Builder type(IntentType value) {
            type = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder amount(Optional<Money> value) {
            amount = value;
            return this;
        }

        public Builder requested(SpendingLimits value) {
            requested = value;
            return this;
        }

        public Builder metadata(Optional<Metadata> value) {
            metadata = value;
            return this;
        }

        public Builder decision(Optional<CustomerDecision> value) {
            decision = value;
            return this;
        }

        public Builder limits(SpendingLimits value) {
            limits = value;
            return this;
        }

        public Builder blockMerchant(boolean value) {
            blockMerchant = value;
            return this;
        }

        public Builder status(AgreementStatus value) {
            status = value;
            return this;
        }

        /** An approved, recurring agreement. */
        public Builder active() {
            return status(AgreementStatus.ACTIVE)
                    .decision(Optional.of(CustomerDecision.APPROVE_RECURRING))
                    .decidedAt(Optional.of(createdAt.plusSeconds(1)));
        }

        /** Sent then, due an hour later. */
        public Builder createdAt(Instant value) {
            createdAt = value;
            updatedAt = value;
            dueDate = value.plus(DUE_AFTER);
            return this;
        }

        public Builder dueDate(Instant value) {
            dueDate = value;
            return this;
        }

        public Builder decidedAt(Optional<Instant> value) {
            decidedAt = value;
            return this;
        }

        public Builder lastUsedAt(Optional<Instant> value) {
            lastUsedAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder expiresAt(Instant value) {
            expiresAt = Optional.of(value);
            return this;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public Agreement build() {
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
                    decision,
                    limits,
                    blockMerchant,
                    expiresAt,
                    status,
                    dueDate,
                    createdAt,
                    decidedAt,
                    lastUsedAt,
                    updatedAt,
                    version);
        }
    }
}
