package network.peere.core.ports.in.link;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;

/**
 * A merchant (or its provider, naming it) creates payment links, lists and reads them, deactivates them, verifies
 * their payments and reads and replays their callbacks. The
 * answer to a create carries the merchant's callback key: the value Peere sends in the {@code api-secret-key} header
 * of link callbacks, made with the merchant's first link and the same for all its links. It is not an API key on
 * purpose: the receiver of a callback must be able to check it without holding anything that can move money. It is
 * also the key of the callbacks' signatures ({@code X-Peere-Signature} and Standard Webhooks' {@code
 * webhook-signature}), in the same {@code whsec_} form as an endpoint's secret.
 */
public interface ManagePaymentLinks {
    Result<Created> create(Create command);

    Result<Page<PaymentLink>> list(Caller caller, PageRequest page);

    Result<PaymentLink> get(Caller caller, String linkId);

    Result<PaymentLink> deactivate(Caller caller, String linkId);

    /** Whether the link is paid, when it was last paid and when the next period is due. */
    Result<Verification> verify(Caller caller, String linkId);

    /** As {@link #verify}, by the merchant's {@code secret} for the link. */
    Result<Verification> verifyBySecret(Caller caller, String secret);

    /**
     * The link's payments, newest first (at most {@link #PAYMENTS_SHOWN_MAX}): who paid or subscribed at which bank,
     * their state, and the {@code customerDecisionId} that revoking ends the subscription (or withdraws a waiting
     * payment) with.
     */
    Result<List<LinkPayment>> payments(Caller caller, String linkId);

    int PAYMENTS_SHOWN_MAX = 100;

    /** The link's callbacks (deliveries to its callback URL) with their attempts, newest first. */
    Result<Page<DeliveryRecord>> callbacks(
            Caller caller, String linkId, Optional<DeliveryStatus> status, PageRequest page);

    /** Sends one of the link's callbacks again to its callback URL (a new delivery; the event keeps its id). */
    Result<String> replayCallback(Caller caller, String linkId, String eventId);

    /**
     * A link's state for the merchant: its latest payment, whether that is paid (a one-off charge confirmed, or a
     * recurring subscription whose latest period was paid), the last confirmed charge and when, and the next due time.
     */
    record Verification(
            PaymentLink link,
            Optional<LinkPayment> latest,
            boolean paid,
            Optional<String> lastChargeId,
            Optional<Instant> lastPaidAt,
            Optional<Instant> nextDueAt) {
        public Verification {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(latest, "latest");
            Objects.requireNonNull(lastChargeId, "lastChargeId");
            Objects.requireNonNull(lastPaidAt, "lastPaidAt");
            Objects.requireNonNull(nextDueAt, "nextDueAt");
        }
    }

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
