package network.peere.core.domain.ledger;

import java.util.Objects;

/** A ledger account: a type and whose it is ({@code network} for the network's own accounts). */
public record Account(AccountType type, String owner) {
    public static final String NETWORK = "network";

    public Account {
        Objects.requireNonNull(type, "type");
        if (owner == null || owner.isBlank() || owner.length() > 40) {
            throw new IllegalArgumentException("an account owner is 1-40 characters");
        }
    }
}
