package network.peere.persistence.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * Charges for tests: {@code charge(mode, n)} is a pending 1,000 NGN charge on agreement {@code cd_1} of merchant
 * {@code mer_1} for customer {@code cus_1} at {@code bank_1}, accepted at {@link TestParticipants#T0} and due a minute
 * later, reserving nothing; {@code n} makes its id unique. Change what a test needs with the builder's setters.
 */
public final class TestCharges {
    public static final Duration DUE_AFTER = Duration.ofMinutes(1);
    public static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");

    private TestCharges() {}

    public static Builder charge(Mode mode, String n) {
        return new Builder(mode, n);
    }

    /** Answered, with metadata and a reservation in every window kind, for round trips. */
    public static Builder chargeWithEverything(Mode mode, String n) {
        Money amount = Money.of(2_500, "NGN");
        var limits = TestAgreements.limits(Map.of(
                LimitKind.SINGLE,
                5_000L,
                LimitKind.DAILY,
                10_000L,
                LimitKind.WEEKLY,
                30_000L,
                LimitKind.MONTHLY,
                90_000L));
        return charge(mode, n)
                .amount(amount)
                .description("Loaf — Ọlá’s bakery 🍞")
                .metadata(Optional.of(new Metadata("{\"basket\":[1,2],\"note\":\"délivered 🍞\"}")))
                .reservations(WindowReservation.forCharge(limits, amount, TestParticipants.T0, LAGOS))
                .status(ChargeStatus.FAILED)
                .bankAction(Optional.of(CustomerDecision.SUSPENDED))
                .declineReason(Optional.of("suspended"))
                .bankTransactionId(Optional.of("bank-txn-Ω-1"))
                .processedAt(Optional.of(TestParticipants.T0.plusSeconds(5)))
                .version(2);
    }

    public static final class Builder {
        private final String id;
        private final Mode mode;
        private String agreementId = "cd_1";
        private ParticipantId merchantId = new ParticipantId("mer_1");
        private ParticipantId bankId = new ParticipantId("bank_1");
        private CustomerId customerId = new CustomerId("cus_1");
        private Money amount = Money.of(1_000, "NGN");
        private String description = "Monthly plan";
        private Optional<Metadata> metadata = Optional.empty();
        private List<WindowReservation> reservations = List.of();
        private ChargeStatus status = ChargeStatus.PENDING_BANK;
        private Optional<CustomerDecision> bankAction = Optional.empty();
        private Optional<String> declineReason = Optional.empty();
        private Optional<String> bankTransactionId = Optional.empty();
        private Instant createdAt = TestParticipants.T0;
        private Instant dueAt = createdAt.plus(DUE_AFTER);
        private Optional<Instant> processedAt = Optional.empty();
        private Optional<Money> fee = Optional.empty();
        private Optional<Money> refunded = Optional.empty();
        private long version = 1;

        private Builder(Mode mode, String n) {
            this.mode = mode;
            this.id = Charge.ID_PREFIX + "_" + n;
        }

        public Builder agreement(String value) {
            agreementId = value;
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

        public Builder customer(String value) {
            customerId = new CustomerId(value);
            return this;
        }

        /** Moves the reservations to the new amount too: a charge reserves its own amount. */
        public Builder amount(Money value) {
            amount = value;
            reservations = reservations.stream()
                    .map(r -> new WindowReservation(r.kind(), r.windowStart(), r.cap(), value))
                    .toList();
            return this;
        }

        public Builder amountMinor(long value) {
            return amount(Money.of(value, "NGN"));
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder metadata(Optional<Metadata> value) {
            metadata = value;
            return this;
        }

        public Builder reservations(List<WindowReservation> value) {
            reservations = value;
            return this;
        }

        public Builder status(ChargeStatus value) {
            status = value;
            return this;
        }

        public Builder bankAction(Optional<CustomerDecision> value) {
            bankAction = value;
            return this;
        }

        public Builder declineReason(Optional<String> value) {
            declineReason = value;
            return this;
        }

        public Builder bankTransactionId(Optional<String> value) {
            bankTransactionId = value;
            return this;
        }

        /** Accepted then, due a minute later. */
        public Builder createdAt(Instant value) {
            createdAt = value;
            dueAt = value.plus(DUE_AFTER);
            return this;
        }

        public Builder dueAt(Instant value) {
            dueAt = value;
            return this;
        }

        public Builder processedAt(Optional<Instant> value) {
            processedAt = value;
            return this;
        }

        /** The network's fee (zero, in the amount's currency, unless set). */
        public Builder feeMinor(long value) {
            fee = Optional.of(new Money(value, amount.currency()));
            return this;
        }

        /** What refunds took (zero, in the amount's currency, unless set). */
        public Builder refundedMinor(long value) {
            refunded = Optional.of(new Money(value, amount.currency()));
            return this;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public Charge build() {
            return new Charge(
                    id,
                    mode,
                    agreementId,
                    merchantId,
                    bankId,
                    customerId,
                    amount,
                    description,
                    metadata,
                    reservations,
                    status,
                    bankAction,
                    declineReason,
                    bankTransactionId,
                    dueAt,
                    createdAt,
                    processedAt,
                    fee.orElse(Money.zero(amount.currency())),
                    refunded.orElse(Money.zero(amount.currency())),
                    version);
        }
    }
}
