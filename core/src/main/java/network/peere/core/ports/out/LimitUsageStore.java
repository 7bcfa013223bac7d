package network.peere.core.ports.out;

import java.util.List;
import java.util.Map;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.shared.Mode;

/**
 * What each agreement has used (confirmed plus reserved) in each limit window. Reservations are conditional updates
 * ({@code used + amount <= cap}) taken in a fixed order (daily, weekly, monthly), so concurrent charges on one
 * agreement can never overspend and never deadlock each other. Joins the caller's transaction.
 */
public interface LimitUsageStore {
    /**
     * Reserves every window or none.
     *
     * @return false when one window would exceed its cap; then nothing is reserved
     */
    boolean reserve(Mode mode, String agreementId, List<WindowReservation> reservations);

    /** Gives back what {@link #reserve} took, when the bank declines or the charge expires. */
    void release(Mode mode, String agreementId, List<WindowReservation> reservations);

    /** Used amount per window kind for the windows starting at the given instants; absent windows used nothing. */
    Map<LimitKind, Money> used(Mode mode, String agreementId, List<WindowReservation> windows);
}
