package network.peere.core.domain.agreement.limits;

import java.time.Instant;
import java.util.Objects;
import network.peere.core.domain.money.Money;

/** Reserve {@code amount} of a capped window's allowance: only if what is used there stays within {@code cap}. */
public record WindowReservation(LimitKind kind, Instant windowStart, Money cap, Money amount) {
    public WindowReservation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(windowStart, "windowStart");
        if (kind == LimitKind.SINGLE) {
            throw new IllegalArgumentException("single limits have no window to reserve in");
        }
        if (!amount.isPositive() || !cap.isPositive()) {
            throw new IllegalArgumentException("cap and amount are positive");
        }
        if (!cap.currency().equals(amount.currency())) {
            throw new IllegalArgumentException("cap and amount share a currency");
        }
    }

    /** The reservations a charge needs at {@code at}: one per windowed cap the agreement has. */
    public static java.util.List<WindowReservation> forCharge(
            SpendingLimits limits, Money amount, Instant at, java.time.ZoneId zone) {
        return LimitCheck.RULES.stream()
                .map(LimitRule::kind)
                .filter(kind -> kind != LimitKind.SINGLE)
                .flatMap(kind -> limits.cap(kind).stream()
                        .map(cap -> new WindowReservation(
                                kind,
                                LimitWindow.of(kind, at, zone).orElseThrow().start(),
                                cap,
                                amount)))
                .toList();
    }
}
