package network.peere.core.domain.identity;

import java.util.Objects;

/** A customer found by a network lookup, at an active bank, with that bank's name (what a lookup shows). */
public record ReachableCustomer(Customer customer, String bankName) {
    public ReachableCustomer {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(bankName, "bankName");
    }
}
