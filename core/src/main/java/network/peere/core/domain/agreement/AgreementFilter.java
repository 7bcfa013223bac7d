package network.peere.core.domain.agreement;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;

/** The documented filters of the customer-decisions list; all optional, all exact. */
public record AgreementFilter(
        Optional<String> agreementPhrase, Optional<CustomerId> customerId, Optional<String> lookupPhrase) {
    public AgreementFilter {
        Objects.requireNonNull(agreementPhrase, "agreementPhrase");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(lookupPhrase, "lookupPhrase");
    }

    public static AgreementFilter none() {
        return new AgreementFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
