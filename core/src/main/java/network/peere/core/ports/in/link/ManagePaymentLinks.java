package network.peere.core.ports.in.link;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;

/**
 * A merchant (or its provider, naming it) creates payment links, lists and reads them, and deactivates them. The
 * answer to a create carries the merchant's callback key: the value Peere sends in the {@code api-secret-key} header
 * of link callbacks, made with the merchant's first link and the same for all its links. It is not an API key on
 * purpose: the receiver of a callback must be able to check it without holding anything that can move money.
 */
public interface ManagePaymentLinks {
    Result<Created> create(Create command);

    Result<Page<PaymentLink>> list(Caller caller, PageRequest page);

    Result<PaymentLink> get(Caller caller, String linkId);

    Result<PaymentLink> deactivate(Caller caller, String linkId);

    record Create(
            Caller caller,
            BigDecimal amount,
            Currency currency,
            String description,
            Optional<String> customerEmail,
            String secret,
            URI callbackUrl,
            Optional<LinkDuration> duration,
            Optional<Metadata> metadata) {
        public Create {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(customerEmail, "customerEmail");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(callbackUrl, "callbackUrl");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    record Created(PaymentLink link, String callbackKey) {
        public Created {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(callbackKey, "callbackKey");
        }
    }
}
