package network.peere.core.ports.in.billing;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Metadata;

/**
 * The customer's bank answers a billing request, once and before it is due: an approving action confirms the charge
 * and posts it to the ledger; {@code deny} or {@code suspended} declines it and gives back its reserved limits
 * ({@code suspended} also pauses the agreement). The merchant hears {@code billing.response}.
 */
public interface AnswerBillingRequests {
    /** The most answers {@link #answerAll} takes in one call. */
    int ANSWERS_PER_CALL_MAX = 500;

    Result<Charge> answer(Answer answer);

    /**
     * Up to {@link #ANSWERS_PER_CALL_MAX} answers of one bank, each with its own result, in the order given: what
     * {@link #answer} would have answered it. Approvals are confirmed many to a transaction, before the rest; the rest,
     * and every answer to a billing request answered more than once in the call, one by one in order (the first
     * counts). Each batch or answer commits on its own, so call it outside a transaction: inside one, the call would
     * hold all their locks to its end, in its own order rather than the bill path's.
     *
     * @throws IllegalArgumentException for more answers than that, or answers of more than one bank
     */
    java.util.List<Result<Charge>> answerAll(java.util.List<Answer> answers);

    record Answer(
            Principal bank,
            String billingRequestId,
            CustomerDecision action,
            Optional<String> declineReason,
            Optional<String> bankTransactionId,
            Optional<Metadata> metadata) {
        public Answer {
            Objects.requireNonNull(bank, "bank");
            Objects.requireNonNull(billingRequestId, "billingRequestId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(declineReason, "declineReason");
            Objects.requireNonNull(bankTransactionId, "bankTransactionId");
            Objects.requireNonNull(metadata, "metadata");
        }
    }
}
