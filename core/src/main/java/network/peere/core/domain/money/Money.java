package network.peere.core.domain.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in integer minor units of an ISO 4217 currency (kobo for NGN). Never a floating-point type: arithmetic is
 * exact and overflow throws instead of wrapping.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {
    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(currency + " has no minor unit (not a spendable currency)");
        }
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public static Money of(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isNegative() {
        return minor < 0;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The amount in major units, exactly ({@code 150050} NGN minor → {@code 1500.50}). */
    public BigDecimal toMajor() {
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits());
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toMajor().toPlainString() + " " + currency.getCurrencyCode();
    }
}
