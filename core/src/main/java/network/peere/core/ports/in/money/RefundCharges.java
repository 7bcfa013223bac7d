package network.peere.core.ports.in.money;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.refund.RefundType;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;

/**
 * Refunds: a merchant (or its provider) gives money back from a confirmed charge, never more than what remains of
 * it, and the customer's bank credits the customer ({@code refund.request} → the bank's answer →
 * {@code refund.response}). The merchant's payable is reduced at once (with the pro-rata fee given back); a failed
 * refund reverses that.
 */
public interface RefundCharges {
    Result<Refund> initiate(Initiate command);

    /** For the merchant (or its provider) and the customer's bank. */
    Result<Refund> find(Caller caller, String refundId);

    Result<Page<Refund>> list(Caller caller, PageRequest page);

    /** The customer's bank: working on it ({@code processing}), or done ({@code completed} / {@code failed}). */
    Result<Refund> answer(Answer answer);

    record Initiate(
            Caller caller,
            String transactionId,
            BigDecimal amount,
            String reason,
            RefundType type,
            Optional<Metadata> metadata) {
        public Initiate {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    record Answer(
            Principal bank,
            String refundId,
            RefundStatus status,
            Optional<String> bankReference,
            Optional<String> failureReason) {
        public Answer {
            Objects.requireNonNull(bank, "bank");
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(bankReference, "bankReference");
            Objects.requireNonNull(failureReason, "failureReason");
            if (status == RefundStatus.PENDING) {
                throw new IllegalArgumentException("a bank answers processing, completed or failed");
            }
        }
    }
}
