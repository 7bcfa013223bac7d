package network.peere.core.domain.ledger;

import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.shared.Mode;

/**
 * One money movement: postings that sum to zero in every currency, so the journal as a whole always sums to zero.
 * An unbalanced transaction cannot be constructed. Append-only: corrections are new, reversing transactions.
 */
public record JournalTransaction(
        String id, Mode mode, String reference, String description, Instant occurredAt, List<Posting> postings) {
    public static final int POSTINGS_MAX = 20;

    public JournalTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(occurredAt, "occurredAt");
        postings = List.copyOf(postings);
        if (postings.size() < 2 || postings.size() > POSTINGS_MAX) {
            throw new IllegalArgumentException("a journal transaction has 2-" + POSTINGS_MAX + " postings");
        }
        Map<Currency, Long> sums = new HashMap<>();
        postings.forEach(p -> sums.merge(p.amount().currency(), p.amount().minor(), Math::addExact));
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("postings in " + currency + " sum to " + sum + ", not zero");
            }
        });
    }

    /** The reversal: the same postings with opposite signs, for a correction. */
    public JournalTransaction reversal(String newId, String why, Instant at) {
        return new JournalTransaction(
                newId,
                mode,
                reference,
                why,
                at,
                postings.stream()
                        .map(p -> new Posting(
                                p.account(),
                                new network.peere.core.domain.money.Money(
                                        -p.amount().minor(), p.amount().currency())))
                        .toList());
    }
}
