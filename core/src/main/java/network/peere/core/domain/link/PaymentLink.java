package network.peere.core.domain.link;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * A merchant's payment link: a fixed amount a customer pays once, or every period of {@code duration} when it
 * recurs. {@code secret} is the merchant's own code for it (unique per merchant), echoed in every callback.
 */
public record PaymentLink(
        String id,
        Mode mode,
        ParticipantId merchantId,
        Terms terms,
        LinkStatus status,
        Instant createdAt,
        Instant updatedAt,
        long version) {
    public static final String ID_PREFIX = "lnk";
    public static final int SECRET_LENGTH_MAX = 100;
    public static final int DESCRIPTION_LENGTH_MAX = 200;
    public static final int URL_LENGTH_MAX = 500;
    public static final int EMAIL_LENGTH_MAX = 254;

    /** What the merchant asked for; fixed once the link exists. */
    public record Terms(
            Money amount,
            String description,
            Optional<String> customerEmail,
            String secret,
            URI callbackUrl,
            Optional<LinkDuration> duration,
            Optional<Metadata> metadata) {
        public Terms {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(customerEmail, "customerEmail");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(callbackUrl, "callbackUrl");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(metadata, "metadata");
            if (!amount.isPositive()) {
                throw new IllegalArgumentException("a link's amount is positive");
            }
            if (secret.isBlank() || secret.length() > SECRET_LENGTH_MAX) {
                throw new IllegalArgumentException("a secret is 1-" + SECRET_LENGTH_MAX + " characters");
            }
            if (description.length() > DESCRIPTION_LENGTH_MAX) {
                throw new IllegalArgumentException("a description is at most " + DESCRIPTION_LENGTH_MAX);
            }
            if (callbackUrl.toString().length() > URL_LENGTH_MAX) {
                throw new IllegalArgumentException("a callback URL is at most " + URL_LENGTH_MAX);
            }
        }
    }

    public PaymentLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1");
        }
    }

    public static PaymentLink create(String id, Mode mode, ParticipantId merchantId, Terms terms, Instant now) {
        return new PaymentLink(id, mode, merchantId, terms, LinkStatus.ACTIVE, now, now, 1);
    }

    public boolean recurring() {
        return terms.duration().isPresent();
    }

    /** Inactive already is the same link: deactivating twice changes nothing. */
    public PaymentLink deactivated(Instant now) {
        if (status == LinkStatus.INACTIVE) {
            return this;
        }
        return new PaymentLink(id, mode, merchantId, terms, LinkStatus.INACTIVE, createdAt, now, version + 1);
    }
}
