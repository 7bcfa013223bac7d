package network.peere.core.domain.link;

import network.peere.core.domain.recurring.Cadence;
import network.peere.core.domain.recurring.Frequency;

/**
 * How often a recurring payment link renews (peerwallet-api.md: Daily … Yearly). Each maps onto the one renewal
 * engine's cadence: quarterly is monthly × 3 and half-yearly monthly × 6, so every month-based duration keeps the
 * anchor day.
 */
public enum LinkDuration {
    DAILY(new Cadence(Frequency.DAILY, 1)),
    WEEKLY(new Cadence(Frequency.WEEKLY, 1)),
    MONTHLY(new Cadence(Frequency.MONTHLY, 1)),
    QUARTERLY(new Cadence(Frequency.MONTHLY, 3)),
    HALF_YEARLY(new Cadence(Frequency.MONTHLY, 6)),
    YEARLY(new Cadence(Frequency.YEARLY, 1));

    private final Cadence cadence;

    LinkDuration(Cadence cadence) {
        this.cadence = cadence;
    }

    public Cadence cadence() {
        return cadence;
    }
}
