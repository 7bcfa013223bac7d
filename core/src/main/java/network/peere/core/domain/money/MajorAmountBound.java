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
    /** Past 10^20 major units no bound fits a long; below 10^-20 none is a whole minor unit of any currency. */
    private static final int MAGNITUDE_MAX = 20;

    public MajorAmountBound {
        Objects.requireNonNull(major, "major");
    }

    /** The least minor amount in {@code currency} at or above the bound. */
    public long lowestMinor(Currency currency) {
        return lowestMinor(currency.getDefaultFractionDigits());
    }

    /** The greatest minor amount in {@code currency} at or below the bound. */
    public long highestMinor(Currency currency) {
        return highestMinor(currency.getDefaultFractionDigits());
    }

    /** The least amount in minor units of {@code fractionDigits} decimals at or above the bound. */
    public long lowestMinor(int fractionDigits) {
        return minor(fractionDigits, RoundingMode.CEILING);
    }

    /** The greatest amount in minor units of {@code fractionDigits} decimals at or below the bound. */
    public long highestMinor(int fractionDigits) {
        return minor(fractionDigits, RoundingMode.FLOOR);
    }

    private long minor(int fractionDigits, RoundingMode rounding) {
        if (major.signum() == 0) {
            return 0;
        }
        // Decided by magnitude before any scaling: 1e999999999 or 1e-999999999 would otherwise cost BigInteger work
        // of that size. Digits before the point: precision − scale.
        long magnitude = (long) major.precision() - major.scale();
        if (magnitude > MAGNITUDE_MAX) {
            return major.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (magnitude < -MAGNITUDE_MAX) {
            // Strictly between −1 and 1 minor unit of any currency: rounds to the nearest whole minor unit outward.
            if (rounding == RoundingMode.CEILING) {
                return major.signum() > 0 ? 1 : 0;
            }
            return major.signum() < 0 ? -1 : 0;
        }
        BigDecimal minor = major.movePointRight(fractionDigits)
                .setScale(0, rounding)
                .min(LONG_MAX)
                .max(LONG_MIN);
        return minor.longValueExact();
    }
}
