package network.peere.core.domain.identity;

import java.time.Instant;
import java.util.Objects;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * A person as one bank knows them. One person at three banks is three customers. {@code phrase} is the customer's
 * stable id at its bank (the bank-side phrase); merchants never see it, they get lookup phrases scoped to themselves.
 * {@code reference} and {@code clientRef} are unique per bank and never change.
 */
public record Customer(
        CustomerId id,
        Mode mode,
        ParticipantId bankId,
        String phrase,
        String clientRef,
        String reference,
        CustomerDetails details,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int REF_LENGTH_MAX = 100;
    public static final String PHRASE_PREFIX = "phr";

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(phrase, "phrase");
        if (!CustomerDetails.isValidText(clientRef, REF_LENGTH_MAX)) {
            throw new IllegalArgumentException("clientRef must be 1-" + REF_LENGTH_MAX + " characters");
        }
        if (!CustomerDetails.isValidText(reference, REF_LENGTH_MAX)) {
            throw new IllegalArgumentException("reference must be 1-" + REF_LENGTH_MAX + " characters");
        }
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt must not be before createdAt");
        }
    }

    public Customer withDetails(CustomerDetails next, Instant now) {
        return new Customer(id, mode, bankId, phrase, clientRef, reference, next, createdAt, now, version + 1);
    }
}
