package network.peere.core.domain.fees;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.money.Money;

/**
 * What the network keeps of a confirmed charge: {@code basisPoints} of the amount (1 bp = 0.01 %, rounded half up to
 * the minor unit) plus {@code fixedMinor}, then raised to {@code minimumMinor} and capped at {@code maximumMinor} —
 * and never more than the charge itself. Minor units are those of the charge's currency.
 */
public record FeeSchedule(int basisPoints, long fixedMinor, long minimumMinor, Optional<Long> maximumMinor) {
    public static final int BASIS_POINTS_MAX = 10_000;
    /** The network's default: 1.5 %, nothing fixed, no minimum, no cap; the operator changes it. */
    public static final FeeSchedule NETWORK_DEFAULT = new FeeSchedule(150, 0, 0, Optional.empty());

    public FeeSchedule {
        Objects.requireNonNull(maximumMinor, "maximumMinor");
        if (basisPoints < 0 || basisPoints > BASIS_POINTS_MAX) {
            throw new IllegalArgumentException("basis points are 0-" + BASIS_POINTS_MAX);
        }
        if (fixedMinor < 0 || minimumMinor < 0) {
            throw new IllegalArgumentException("fixed and minimum fees are not negative");
        }
        if (maximumMinor.isPresent() && maximumMinor.get() < minimumMinor) {
            throw new IllegalArgumentException("the maximum fee is at least the minimum");
        }
    }

    public Money feeFor(Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("fees are taken from positive charges");
        }
        long percentage = BigInteger.valueOf(amount.minor())
                .multiply(BigInteger.valueOf(basisPoints))
                .add(BigInteger.valueOf(5_000))
                .divide(BigInteger.valueOf(10_000))
                .longValueExact();
        long fee = Math.max(Math.addExact(percentage, fixedMinor), minimumMinor);
        if (maximumMinor.isPresent()) {
            fee = Math.min(fee, maximumMinor.get());
        }
        return new Money(Math.min(fee, amount.minor()), amount.currency());
    }

    /**
     * The part of a charge's fee a refund gives back (docs/settlement.md): pro rata, counted on everything refunded
     * so far and rounded down, minus what earlier refunds gave back — so partial refunds that add up to the charge
     * give back exactly the whole fee, and no refund ever gives back more than its share. A failed refund leaves the
     * shares of later ones computed on the history without it, kept between zero and the refund's amount.
     *
     * @param refundedBefore what earlier (not failed) refunds of the charge refunded
     * @param feeReturnedBefore what those refunds gave back of the fee
     */
    public static Money feeReturned(
            Money charge, Money fee, Money refundedBefore, Money feeReturnedBefore, Money refund) {
        long refundedAfter = Math.addExact(refundedBefore.minor(), refund.minor());
        if (refundedAfter > charge.minor()) {
            throw new IllegalArgumentException("refunds never exceed the charge");
        }
        long cumulative = BigInteger.valueOf(fee.minor())
                .multiply(BigInteger.valueOf(refundedAfter))
                .divide(BigInteger.valueOf(charge.minor()))
                .longValueExact();
        // Clamped: after a failed refund the earlier shares were computed on a history that no longer holds, and a
        // share must still be between nothing and the refund itself.
        long share = Math.max(0, Math.min(refund.minor(), cumulative - feeReturnedBefore.minor()));
        return new Money(share, fee.currency());
    }
}
