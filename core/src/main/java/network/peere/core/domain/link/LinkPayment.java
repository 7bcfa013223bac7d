package network.peere.core.domain.link;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * One customer's payment of a payment link: the billing intent the pay page sent on the merchant's behalf
 * ({@code agreementId}), then the schedule that charges it ({@code scheduleId}: one period for a one-off link, every
 * period for a recurring one). {@code lastPaidAt} is when a period was last paid. Immutable: each change returns the
 * next version.
 */
public record LinkPayment(
        String id,
        Mode mode,
        String linkId,
        ParticipantId merchantId,
        ParticipantId bankId,
        CustomerId customerId,
        String agreementId,
        Optional<String> scheduleId,
        LinkPaymentStatus status,
        Optional<String> failureReason,
        Optional<Instant> lastPaidAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {
    public static final String ID_PREFIX = "lpy";
    public static final int REASON_LENGTH_MAX = 200;
    /**
     * How long a payment waiting for its bank holds its link against other customers. Past it, the next customer's
     * payment withdraws the waiting intent and takes the link, so nobody can keep a link busy by never answering.
     */
    public static final Duration WAIT_HOLD = Duration.ofMinutes(15);

    public LinkPayment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(scheduleId, "scheduleId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failureReason, "failureReason");
        Objects.requireNonNull(lastPaidAt, "lastPaidAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        failureReason = failureReason.map(r -> r.length() > REASON_LENGTH_MAX ? r.substring(0, REASON_LENGTH_MAX) : r);
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1");
        }
        if (status != LinkPaymentStatus.AWAITING_APPROVAL
                && status != LinkPaymentStatus.DECLINED
                && scheduleId.isEmpty()) {
            throw new IllegalArgumentException("an approved payment names its schedule");
        }
    }

    /** Who pays: the customer at one bank, as the pay page's lookup found them. */
    public record Payer(ParticipantId bankId, CustomerId customerId) {
        public Payer {
            Objects.requireNonNull(bankId, "bankId");
            Objects.requireNonNull(customerId, "customerId");
        }
    }

    public static LinkPayment start(String id, PaymentLink link, Payer payer, String agreementId, Instant now) {
        return new LinkPayment(
                id,
                link.mode(),
                link.id(),
                link.merchantId(),
                payer.bankId(),
                payer.customerId(),
                agreementId,
                Optional.empty(),
                LinkPaymentStatus.AWAITING_APPROVAL,
                Optional.empty(),
                Optional.empty(),
                now,
                now,
                1);
    }

    /** The bank approved: the schedule that charges it exists and its first period is at the bank. */
    public LinkPayment approved(String schedule, Instant now) {
        require(status == LinkPaymentStatus.AWAITING_APPROVAL, "approved");
        return next(Optional.of(schedule), LinkPaymentStatus.PROCESSING, failureReason, lastPaidAt, now);
    }

    public LinkPayment declined(String reason, Instant now) {
        require(status == LinkPaymentStatus.AWAITING_APPROVAL, "declined");
        return next(scheduleId, LinkPaymentStatus.DECLINED, Optional.of(reason), lastPaidAt, now);
    }

    /** A period was paid: a one-off link is {@code paid}, a recurring one {@code active}. */
    public LinkPayment periodPaid(boolean recurring, Instant now) {
        require(status == LinkPaymentStatus.PROCESSING || status == LinkPaymentStatus.ACTIVE, "paid");
        LinkPaymentStatus target = recurring ? LinkPaymentStatus.ACTIVE : LinkPaymentStatus.PAID;
        return next(scheduleId, target, Optional.empty(), Optional.of(now), now);
    }

    /**
     * A charge that was already at the bank when the subscription ended was confirmed after all: the money moved, so
     * the payment records when, and keeps its final status.
     */
    public LinkPayment paidAfterEnd(Instant now) {
        require(status == LinkPaymentStatus.CANCELLED || status == LinkPaymentStatus.FAILED, "paid after its end");
        return next(scheduleId, status, failureReason, Optional.of(now), now);
    }

    /** Whether it still waits for its bank past {@link #WAIT_HOLD}, so another customer may take the link. */
    public boolean abandoned(Instant now) {
        return status == LinkPaymentStatus.AWAITING_APPROVAL && !now.isBefore(createdAt.plus(WAIT_HOLD));
    }

    public LinkPayment failed(String reason, Instant now) {
        require(status == LinkPaymentStatus.PROCESSING || status == LinkPaymentStatus.ACTIVE, "failed");
        return next(scheduleId, LinkPaymentStatus.FAILED, Optional.of(reason), lastPaidAt, now);
    }

    /** The subscription was cancelled (an unanswered intent that ends is {@link #declined}, not cancelled). */
    public LinkPayment cancelled(String reason, Instant now) {
        require(status == LinkPaymentStatus.PROCESSING || status == LinkPaymentStatus.ACTIVE, "cancelled");
        return next(scheduleId, LinkPaymentStatus.CANCELLED, Optional.of(reason), lastPaidAt, now);
    }

    private void require(boolean allowed, String target) {
        if (!allowed) {
            throw new IllegalStateException("link payment " + id + " cannot become " + target + " from " + status);
        }
    }

    private LinkPayment next(
            Optional<String> schedule,
            LinkPaymentStatus nextStatus,
            Optional<String> reason,
            Optional<Instant> paidAt,
            Instant now) {
        return new LinkPayment(
                id,
                mode,
                linkId,
                merchantId,
                bankId,
                customerId,
                agreementId,
                schedule,
                nextStatus,
                reason,
                paidAt,
                createdAt,
                now,
                version + 1);
    }
}
