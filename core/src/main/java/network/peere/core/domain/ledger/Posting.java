package network.peere.core.domain.ledger;

import java.util.Objects;
import network.peere.core.domain.money.Money;

/** One leg of a journal transaction: a signed amount on one account (debits positive, credits negative). */
public record Posting(Account account, Money amount) {
    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        if (amount.minor() == 0) {
            throw new IllegalArgumentException("a posting moves money");
        }
    }
}
