package network.peere.core.domain.billing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A billing request's life (DESIGN.md, "Charge"): accepted charges wait for the bank; its answer or the deadline ends
 * them. Only PENDING_BANK moves, and only once — a second bank answer changes nothing.
 */
public enum ChargeStatus {
    PENDING_BANK,
    CONFIRMED,
    FAILED,
    EXPIRED;

    private static final Map<ChargeStatus, Set<ChargeStatus>> NEXT = Map.of(
            PENDING_BANK, EnumSet.of(CONFIRMED, FAILED, EXPIRED),
            CONFIRMED, EnumSet.noneOf(ChargeStatus.class),
            FAILED, EnumSet.noneOf(ChargeStatus.class),
            EXPIRED, EnumSet.noneOf(ChargeStatus.class));

    public boolean canBecome(ChargeStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the charge still holds its reserved limit: a failed or expired charge gives it back. */
    public boolean holdsReservation() {
        return this == PENDING_BANK || this == CONFIRMED;
    }
}
