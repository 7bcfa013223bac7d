package network.peere.core.ports.in.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.shared.Metadata;

/**
 * A merchant (or a provider for one of its merchants) asks each customer's bank for permission to bill: one intent
 * per lookup phrase, each a {@code billing.intent} webhook to the bank carrying the pre-minted agreement phrase and
 * the due date. Each phrase succeeds or fails on its own; a failed one writes nothing.
 */
public interface SendBillingIntents {
    Result<List<Item>> send(Command command);

    record Command(
            Caller caller,
            List<String> lookupPhrases,
            IntentType type,
            Currency currency,
            String description,
            Optional<BigDecimal> amount,
            Map<LimitKind, BigDecimal> requestedLimits,
            Optional<Metadata> metadata) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            lookupPhrases = List.copyOf(lookupPhrases);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(amount, "amount");
            requestedLimits = Map.copyOf(requestedLimits);
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** One phrase's outcome, in request order. */
    record Item(String lookupPhrase, Result<Agreement> result) {}
}
