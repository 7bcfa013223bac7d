package network.peere.core.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * A filter's bound on amounts, given in major units as the API takes amounts ({@code minAmount=15} means 15 naira,
 * 15 yen or 15 dinars) and applied to each amount in its own currency's minor units, exactly: a lower bound rounds
 * up and an upper bound down, so {@code minAmount=15.001} keeps ₦15.01 and drops ₦15.00, and yen amounts still
 * compare in whole yen.
 */
public record MajorAmountBound(BigDecimal major) {
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    public MajorAmountBound {
        Objects.requireNonNull(major, "major");
    }

    /** The least minor amount in {@code currency} at or above the bound. */
    public long lowestMinor(Currency currency) {
        return minor(currency, RoundingMode.CEILING);
    }

    /** The greatest minor amount in {@code currency} at or below the bound. */
    public long highestMinor(Currency currency) {
        return minor(currency, RoundingMode.FLOOR);
    }

    private long minor(Currency currency, RoundingMode rounding) {
        BigDecimal minor = major.movePointRight(currency.getDefaultFractionDigits())
                .setScale(0, rounding)
                .min(LONG_MAX)
                .max(LONG_MIN);
        return minor.longValueExact();
    }
}
