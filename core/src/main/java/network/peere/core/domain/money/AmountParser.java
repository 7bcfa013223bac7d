package network.peere.core.domain.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * Amounts arrive in major units (decisions.md, "Amounts": {@code 1500}, {@code 1500.5}, {@code 10.04}) and become
 * integer minor units exactly: more decimals than the currency has, zero, negative or absurdly large amounts are
 * refused, never rounded.
 */
public final class AmountParser {
    /** Far above any real payment, far below {@code Long.MAX_VALUE}: sums of many such amounts cannot overflow. */
    public static final long MINOR_MAX = 1_000_000_000_000_000L;

    private AmountParser() {}

    public sealed interface Parsed {
        record Valid(Money money) implements Parsed {}

        record Invalid(Rejection reason) implements Parsed {}
    }

    /** In precedence order. */
    public enum Rejection {
        NOT_POSITIVE,
        TOO_MANY_DECIMALS,
        TOO_LARGE
    }

    public static Parsed parse(BigDecimal major, Currency currency) {
        Objects.requireNonNull(major, "major");
        Objects.requireNonNull(currency, "currency");
        if (major.signum() <= 0) {
            return new Parsed.Invalid(Rejection.NOT_POSITIVE);
        }
        BigDecimal minor =
                major.movePointRight(currency.getDefaultFractionDigits()).stripTrailingZeros();
        if (minor.scale() > 0) {
            return new Parsed.Invalid(Rejection.TOO_MANY_DECIMALS);
        }
        if (minor.compareTo(BigDecimal.valueOf(MINOR_MAX)) > 0) {
            return new Parsed.Invalid(Rejection.TOO_LARGE);
        }
        return new Parsed.Valid(new Money(minor.longValueExact(), currency));
    }
}
