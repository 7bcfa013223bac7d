package network.peere.core.domain.identity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A bank's filters over its own customers; empty lists and absent values do not filter. */
public record CustomerFilter(
        List<CustomerId> ids,
        List<String> phrases,
        Optional<Email> email,
        Optional<String> reference,
        Optional<String> clientRef) {
    public static final int IDS_MAX = 100;

    public CustomerFilter {
        ids = List.copyOf(ids);
        phrases = List.copyOf(phrases);
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(clientRef, "clientRef");
        if (ids.size() > IDS_MAX || phrases.size() > IDS_MAX) {
            throw new IllegalArgumentException("at most " + IDS_MAX + " ids or phrases");
        }
    }

    public static CustomerFilter any() {
        return new CustomerFilter(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static CustomerFilter byEmail(Email email) {
        return new CustomerFilter(List.of(), List.of(), Optional.of(email), Optional.empty(), Optional.empty());
    }

    public boolean matches(Customer customer) {
        return (ids.isEmpty() || ids.contains(customer.id()))
                && (phrases.isEmpty() || phrases.contains(customer.phrase()))
                && email.map(e -> e.equals(customer.details().email())).orElse(true)
                && reference.map(r -> r.equals(customer.reference())).orElse(true)
                && clientRef.map(c -> c.equals(customer.clientRef())).orElse(true);
    }
}
