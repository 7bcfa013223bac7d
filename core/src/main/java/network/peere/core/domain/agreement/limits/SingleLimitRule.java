package network.peere.core.domain.agreement.limits;

import java.util.Optional;
import network.peere.core.domain.money.Money;

/** {@code single}: a cap on each charge on its own, whatever was spent before. */
final class SingleLimitRule implements LimitRule {
    @Override
    public LimitKind kind() {
        return LimitKind.SINGLE;
    }

    @Override
    public Optional<Money> remaining(SpendingLimits limits, Money usedInWindow) {
        return limits.cap(LimitKind.SINGLE);
    }
}
