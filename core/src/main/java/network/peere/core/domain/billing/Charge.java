package network.peere.core.domain.billing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * A billing request: one charge against an agreement. Its {@code id} is the {@code reference} the merchant gets, the
 * {@code billingRequestId} the bank answers and the {@code transactionId} of refunds and history — one name for one
 * thing. It holds the limit windows it reserved so a decline or expiry gives back exactly those.
 */
public record Charge(
        String id,
        Mode mode,
        String agreementId,
        ParticipantId merchantId,
        ParticipantId bankId,
        CustomerId customerId,
        Money amount,
        String description,
        Optional<Metadata> metadata,
        List<WindowReservation> reservations,
        ChargeStatus status,
        Optional<CustomerDecision> bankAction,
        Optional<String> declineReason,
        Optional<String> bankTransactionId,
        Instant dueAt,
        Instant createdAt,
        Optional<Instant> processedAt,
        Money fee,
        Money refunded,
        long version) {
    public static final String ID_PREFIX = "txn";
    public static final int TEXT_LENGTH_MAX = 200;
    public static final String EXPIRED_REASON = "expired";

    public Charge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(metadata, "metadata");
        reservations = List.copyOf(reservations);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bankAction, "bankAction");
        Objects.requireNonNull(declineReason, "declineReason");
        Objects.requireNonNull(bankTransactionId, "bankTransactionId");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(processedAt, "processedAt");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(refunded, "refunded");
        if (fee.isNegative() || fee.compareTo(amount) > 0 || refunded.isNegative() || refunded.compareTo(amount) > 0) {
            throw new IllegalArgumentException("fee and refunded are between zero and the amount");
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a charge is positive");
        }
        reservations.forEach(r -> {
            if (!r.amount().equals(amount)) {
                throw new IllegalArgumentException("a charge reserves its own amount");
            }
        });
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    public static Charge accept(
            String id,
            Mode mode,
            String agreementId,
            ParticipantId merchantId,
            ParticipantId bankId,
            CustomerId customerId,
            Money amount,
            String description,
            Optional<Metadata> metadata,
            List<WindowReservation> reservations,
            Instant dueAt,
            Instant now) {
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
                ChargeStatus.PENDING_BANK,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                dueAt,
                now,
                Optional.empty(),
                Money.zero(amount.currency()),
                Money.zero(amount.currency()),
                1);
    }

    /**
     * The bank's answer: an approving action confirms, {@code deny} or {@code suspended} declines. Only a pending
     * charge is answered, and only before it is due.
     */
    public Charge answer(
            CustomerDecision action, Optional<String> reason, Optional<String> bankTransaction, Instant now) {
        return answer(action, reason, bankTransaction, Money.zero(amount.currency()), now);
    }

    /** As {@link #answer(CustomerDecision, Optional, Optional, Instant)}, keeping the network's fee if it confirms. */
    public Charge answer(
            CustomerDecision action,
            Optional<String> reason,
            Optional<String> bankTransaction,
            Money confirmedFee,
            Instant now) {
        ChargeStatus next = action.approves() ? ChargeStatus.CONFIRMED : ChargeStatus.FAILED;
        Optional<String> why =
                action.approves() ? Optional.empty() : reason.or(() -> Optional.of(defaultReason(action)));
        return moveTo(next, Optional.of(action), why, bankTransaction, action.approves() ? confirmedFee : fee, now);
    }

    /** What is left to refund: the amount less what (not failed) refunds already took; nothing unless confirmed. */
    public Money refundable() {
        return status == ChargeStatus.CONFIRMED ? amount.minus(refunded) : Money.zero(amount.currency());
    }

    public Charge expire(Instant now) {
        return moveTo(ChargeStatus.EXPIRED, Optional.empty(), Optional.of(EXPIRED_REASON), Optional.empty(), fee, now);
    }

    public boolean awaitsBank(Instant now) {
        return status == ChargeStatus.PENDING_BANK && now.isBefore(dueAt);
    }

    /** What the merchant hears: {@code accepted} once confirmed, {@code declined} otherwise. */
    public boolean accepted() {
        return status == ChargeStatus.CONFIRMED;
    }

    private static String defaultReason(CustomerDecision action) {
        return action == CustomerDecision.SUSPENDED ? "suspended" : "declined";
    }

    private Charge moveTo(
            ChargeStatus next,
            Optional<CustomerDecision> action,
            Optional<String> reason,
            Optional<String> bankTransaction,
            Money nextFee,
            Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("charge " + id + " cannot go from " + status + " to " + next);
        }
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
                next,
                action,
                reason,
                bankTransaction,
                dueAt,
                createdAt,
                Optional.of(now),
                nextFee,
                refunded,
                version + 1);
    }
}
