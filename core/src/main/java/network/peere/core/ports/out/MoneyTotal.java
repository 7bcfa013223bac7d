package network.peere.core.ports.out;

import java.util.Currency;
import java.util.Objects;

/** A sum per owner (a merchant or a bank) and currency, for reconciliation: an amount and the fee part of it. */
public record MoneyTotal(String owner, Currency currency, long amountMinor, long feeMinor) {
    public MoneyTotal {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(currency, "currency");
    }
}
