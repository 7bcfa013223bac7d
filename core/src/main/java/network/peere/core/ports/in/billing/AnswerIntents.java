package network.peere.core.ports.in.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;

/**
 * A bank records its customer's decision on an intent (once, before the due date), and later changes it; a merchant
 * or the bank revokes an agreement. Each change is a {@code billing.intent.response} webhook to the merchant (and its
 * provider) in the same transaction. Limits are major-unit amounts in the agreement's currency, converted exactly
 * (more decimals than the currency has: {@link BillingProblem#INVALID_AMOUNT}). A bank may give the agreement an
 * expiry, which must lie in the future ({@link BillingProblem#INVALID_EXPIRY}).
 */
public interface AnswerIntents {
    Result<Agreement> respond(Response response);

    Result<Agreement> change(Change change);

    /** By the bank, the merchant or the merchant's provider; revoking a dead agreement changes nothing. */
    Result<Agreement> revoke(Caller caller, String customerDecisionId);

    /**
     * {@code intentReference} names the intent; {@code customerPhrase} (the merchant-scoped lookup phrase the bank
     * received, or the bank's own customer phrase) and {@code customerId}, when given, must match it.
     */
    record Response(
            Principal bank,
            String intentReference,
            Optional<String> customerId,
            Optional<ParticipantId> merchantId,
            Optional<String> customerPhrase,
            CustomerDecision decision,
            Optional<Map<LimitKind, BigDecimal>> limits,
            boolean blockMerchant,
            Optional<Instant> expiresAt) {
        public Response {
            Objects.requireNonNull(bank, "bank");
            Objects.requireNonNull(intentReference, "intentReference");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(merchantId, "merchantId");
            Objects.requireNonNull(customerPhrase, "customerPhrase");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** A decision with no expiry. */
        public Response(
                Principal bank,
                String intentReference,
                Optional<String> customerId,
                Optional<ParticipantId> merchantId,
                Optional<String> customerPhrase,
                CustomerDecision decision,
                Optional<Map<LimitKind, BigDecimal>> limits,
                boolean blockMerchant) {
            this(
                    bank,
                    intentReference,
                    customerId,
                    merchantId,
                    customerPhrase,
                    decision,
                    limits,
                    blockMerchant,
                    Optional.empty());
        }
    }

    /** Every part optional: what is absent stays as it is. */
    record Change(
            Principal bank,
            String customerDecisionId,
            Optional<CustomerDecision> decision,
            Optional<Map<LimitKind, BigDecimal>> limits,
            Optional<Boolean> blockMerchant,
            Optional<Expiry> expiry) {
        public Change {
            Objects.requireNonNull(bank, "bank");
            Objects.requireNonNull(customerDecisionId, "customerDecisionId");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(blockMerchant, "blockMerchant");
            Objects.requireNonNull(expiry, "expiry");
        }

        /** A change that leaves the expiry as it is. */
        public Change(
                Principal bank,
                String customerDecisionId,
                Optional<CustomerDecision> decision,
                Optional<Map<LimitKind, BigDecimal>> limits,
                Optional<Boolean> blockMerchant) {
            this(bank, customerDecisionId, decision, limits, blockMerchant, Optional.empty());
        }
    }

    /** A new expiry for an agreement: at that instant, or never ({@code expiresAt: null}). */
    record Expiry(Optional<Instant> at) {
        public Expiry {
            Objects.requireNonNull(at, "at");
        }
    }
}
