package network.peere.core.domain.recurring;

/**
 * How often a schedule renews, before its {@code interval} multiplies it. Month-based frequencies are calendar months
 * that keep the anchor day (spec/decisions.md, "Recurring"), never 30 days.
 */
public enum Frequency {
    DAILY(Unit.DAYS, 1),
    WEEKLY(Unit.DAYS, 7),
    MONTHLY(Unit.MONTHS, 1),
    QUARTERLY(Unit.MONTHS, 3),
    HALF_YEARLY(Unit.MONTHS, 6),
    YEARLY(Unit.MONTHS, 12);

    /** Days count in local dates; months keep the anchor day, clamped to the month's length. */
    enum Unit {
        DAYS,
        MONTHS
    }

    private final Unit unit;
    private final int length;

    Frequency(Unit unit, int length) {
        this.unit = unit;
        this.length = length;
    }

    Unit unit() {
        return unit;
    }

    /** Units per period at interval 1: 7 days a week, 3 months a quarter. */
    int length() {
        return length;
    }
}
