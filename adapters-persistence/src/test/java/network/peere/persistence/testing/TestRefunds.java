package network.peere.persistence.testing;

import java.time.Instant;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.refund.RefundType;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * Refunds for tests: {@code refund(mode, n)} is a pending partial 300 NGN refund of charge {@code txn_1} of merchant
 * {@code mer_1} at {@code bank_1} for {@code cus_1}, giving back no fee, asked for by the merchant at
 * {@link TestParticipants#T0}; {@code n} makes its id unique. Change what a test needs with the builder's setters.
 */
public final class TestRefunds {
    private TestRefunds() {}

    public static Builder refund(Mode mode, String n) {
        return new Builder(mode, n);
    }

    /** Failed at the bank, with metadata, a bank reference and a reason, for round trips. */
    public static Builder refundWithEverything(Mode mode, String n) {
        return refund(mode, n)
                .amountMinor(2_500)
                .feeReturnedMinor(37)
                .type(RefundType.FULL)
                .reason("Returned — Ọlá’s bakery 🍞")
                .metadata(Optional.of(new Metadata("{\"ticket\":\"Ω-7\"}")))
                .initiatedBy("pro_1")
                .status(RefundStatus.FAILED)
                .bankReference(Optional.of("bank-rfd-Ω-1"))
                .failureReason(Optional.of("account closed"))
                .updatedAt(TestParticipants.T0.plusSeconds(9))
                .processedAt(Optional.of(TestParticipants.T0.plusSeconds(9)))
                .version(3);
    }

    public static final class Builder {
        private final String id;
        private final Mode mode;
        private String chargeId = "txn_1";
        private ParticipantId merchantId = new ParticipantId("mer_1");
        private ParticipantId bankId = new ParticipantId("bank_1");
        private CustomerId customerId = new CustomerId("cus_1");
        private Money amount = Money.of(300, "NGN");
        private long feeReturnedMinor = 0;
        private RefundType type = RefundType.PARTIAL;
        private String reason = "Customer asked";
        private Optional<Metadata> metadata = Optional.empty();
        private ParticipantId initiatedBy = new ParticipantId("mer_1");
        private RefundStatus status = RefundStatus.PENDING;
        private Optional<String> bankReference = Optional.empty();
        private Optional<String> failureReason = Optional.empty();
        private Instant createdAt = TestParticipants.T0;
        private Instant updatedAt = createdAt;
        private Optional<Instant> processedAt = Optional.empty();
        private long version = 1;

        private Builder(Mode mode, String n) {
            this.mode = mode;
            this.id = Refund.ID_PREFIX + "_" + n;
        }

        public Builder charge(String value) {
            chargeId = value;
            return this;
        }

        public Builder merchant(String value) {
            merchantId = new ParticipantId(value);
            return this;
        }

        public Builder bank(String value) {
            bankId = new ParticipantId(value);
            return this;
        }

        public Builder amount(Money value) {
            amount = value;
            return this;
        }

        public Builder amountMinor(long value) {
            return amount(new Money(value, amount.currency()));
        }

        public Builder feeReturnedMinor(long value) {
            feeReturnedMinor = value;
            return this;
        }

        public Builder type(RefundType value) {
            type = value;
            return this;
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        public Builder metadata(Optional<Metadata> value) {
            metadata = value;
            return this;
        }

        public Builder initiatedBy(String value) {
            initiatedBy = new ParticipantId(value);
            return this;
        }

        public Builder status(RefundStatus value) {
            status = value;
            return this;
        }

        public Builder bankReference(Optional<String> value) {
            bankReference = value;
            return this;
        }

        public Builder failureReason(Optional<String> value) {
            failureReason = value;
            return this;
        }

        /** Created (and last updated) then. */
        public Builder createdAt(Instant value) {
            createdAt = value;
            updatedAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder processedAt(Optional<Instant> value) {
            processedAt = value;
            return this;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public Refund build() {
            return new Refund(
                    id,
                    mode,
                    chargeId,
                    merchantId,
                    bankId,
                    customerId,
                    amount,
                    new Money(feeReturnedMinor, amount.currency()),
                    type,
                    reason,
                    metadata,
                    initiatedBy,
                    status,
                    bankReference,
                    failureReason,
                    createdAt,
                    updatedAt,
                    processedAt,
                    version);
        }
    }
}
