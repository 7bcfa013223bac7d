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
    Result<Charge> answer(Answer answer);

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
