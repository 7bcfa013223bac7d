package network.peere.core.domain.agreement.limits;

import java.util.Optional;
import network.peere.core.domain.money.Money;

/** {@code daily}, {@code weekly}, {@code monthly}: a cap on the sum of charges in the current calendar window. */
final class WindowLimitRule implements LimitRule {
    private final LimitKind kind;

    WindowLimitRule(LimitKind kind) {
        if (kind == LimitKind.SINGLE) {
            throw new IllegalArgumentException("single has no window");
        }
        this.kind = kind;
    }

    @Override
    public LimitKind kind() {
        return kind;
    }

    @Override
    public Optional<Money> remaining(SpendingLimits limits, Money usedInWindow) {
        // Never negative: a window already over its cap (a cap lowered after spending) has nothing left.
        return limits.cap(kind).map(cap -> cap.minus(usedInWindow).max(Money.zero(cap.currency())));
    }
}
