package network.peere.core.domain.agreement.limits;

import java.util.Optional;
import network.peere.core.domain.money.Money;

/** One limit's check: how much of it is left for a charge, or empty when the agreement has no such limit. */
interface LimitRule {
    LimitKind kind();

    /** @param usedInWindow confirmed plus reserved spend in the current window of this rule's kind */
    Optional<Money> remaining(SpendingLimits limits, Money usedInWindow);
}
