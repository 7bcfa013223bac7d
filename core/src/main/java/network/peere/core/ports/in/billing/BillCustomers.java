package network.peere.core.ports.in.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.shared.Metadata;

/**
 * A merchant (or a provider for one of its merchants) bills one amount against each agreement phrase. Each accepted
 * charge reserves its limits atomically and becomes a {@code billing.request} webhook to the customer's bank, in one
 * short transaction per phrase; a refused phrase writes nothing. A dry run checks the same and writes nothing at all.
 */
public interface BillCustomers {
    Result<List<Item>> bill(Command command);

    record Command(
            Caller caller,
            List<String> agreementPhrases,
            BigDecimal amount,
            Currency currency,
            String description,
            Optional<Metadata> metadata,
            boolean dryRun) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            agreementPhrases = List.copyOf(agreementPhrases);
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** One phrase's outcome, in request order. */
    sealed interface Item {
        String agreementPhrase();

        record Accepted(String agreementPhrase, Charge charge) implements Item {}

        /** A dry run that would have been accepted: the agreement it would bill, nothing reserved or sent. */
        record WouldAccept(String agreementPhrase, Agreement agreement) implements Item {}

        record Refused(String agreementPhrase, Result.Refused<?> refusal) implements Item {}
    }
}
