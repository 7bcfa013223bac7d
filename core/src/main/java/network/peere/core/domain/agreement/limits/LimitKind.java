package network.peere.core.domain.agreement.limits;

/**
 * The spending limits an agreement can carry (decisions.md, "Spending limits"), in precedence order: the first one a
 * charge would breach is the one the merchant hears about.
 */
public enum LimitKind {
    /** Per charge; no window. */
    SINGLE,
    /** A calendar day in the bank's time zone. */
    DAILY,
    /** An ISO week (Monday 00:00) in the bank's time zone. */
    WEEKLY,
    /** A calendar month in the bank's time zone. */
    MONTHLY
}
