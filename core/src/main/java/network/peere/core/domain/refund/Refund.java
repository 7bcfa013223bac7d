package network.peere.core.domain.refund;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * Money given back to a customer from a confirmed charge ({@code chargeId} is the charge's reference, the public
 * docs' {@code transactionId}). {@code feeReturned} is the part of the charge's fee it gives back to the merchant.
 */
public record Refund(
        String id,
        Mode mode,
        String chargeId,
        ParticipantId merchantId,
        ParticipantId bankId,
        CustomerId customerId,
        Money amount,
        Money feeReturned,
        RefundType type,
        String reason,
        Optional<Metadata> metadata,
        ParticipantId initiatedBy,
        RefundStatus status,
        Optional<String> bankReference,
        Optional<String> failureReason,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> processedAt,
        long version) {
    public static final String ID_PREFIX = "rfd";
    public static final int REASON_LENGTH_MAX = 200;

    public Refund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(feeReturned, "feeReturned");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(initiatedBy, "initiatedBy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bankReference, "bankReference");
        Objects.requireNonNull(failureReason, "failureReason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(processedAt, "processedAt");
        if (reason == null || reason.isBlank() || reason.length() > REASON_LENGTH_MAX) {
            throw new IllegalArgumentException("a reason is 1-" + REASON_LENGTH_MAX + " characters");
        }
        if (!amount.isPositive() || feeReturned.isNegative() || feeReturned.compareTo(amount) > 0) {
            throw new IllegalArgumentException("a refund is positive and gives back at most its amount of fee");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    public Refund processing(Optional<String> reference, Instant now) {
        return moveTo(RefundStatus.PROCESSING, reference.or(() -> bankReference), Optional.empty(), now);
    }

    public Refund complete(Optional<String> reference, Instant now) {
        return moveTo(RefundStatus.COMPLETED, reference.or(() -> bankReference), Optional.empty(), now);
    }

    public Refund fail(String why, Instant now) {
        return moveTo(RefundStatus.FAILED, bankReference, Optional.of(why), now);
    }

    private Refund moveTo(RefundStatus next, Optional<String> reference, Optional<String> why, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("refund " + id + " cannot go from " + status + " to " + next);
        }
        Optional<Instant> processed = next.isFinal() ? Optional.of(now) : processedAt;
        return new Refund(
                id,
                mode,
                chargeId,
                merchantId,
                bankId,
                customerId,
                amount,
                feeReturned,
                type,
                reason,
                metadata,
                initiatedBy,
                next,
                reference,
                why,
                createdAt,
                now,
                processed,
                version + 1);
    }
}
