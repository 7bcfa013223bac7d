package network.peere.core.domain.agreement.limits;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.money.Money;

/**
 * Whether a charge fits an agreement's spending limits, given what is already used (confirmed plus reserved) in each
 * current window. The rules run in precedence order and the first breached limit decides what the merchant hears,
 * with what remains of it. This is the decision; the store makes it atomic with a conditional update.
 */
public final class LimitCheck {
    /** The precedence order: single, then daily, weekly, monthly. */
    static final List<LimitRule> RULES = List.of(
            new SingleLimitRule(),
            new WindowLimitRule(LimitKind.DAILY),
            new WindowLimitRule(LimitKind.WEEKLY),
            new WindowLimitRule(LimitKind.MONTHLY));

    private LimitCheck() {}

    public sealed interface Verdict {
        record Within() implements Verdict {}

        record Exceeded(LimitKind limit, Money remaining) implements Verdict {}
    }

    /** @param used confirmed plus reserved spend per window kind; a kind not in the map has used nothing */
    public static Verdict check(SpendingLimits limits, Map<LimitKind, Money> used, Money charge) {
        Objects.requireNonNull(charge, "charge");
        if (!charge.currency().equals(limits.currency())) {
            throw new IllegalArgumentException("charge in " + charge.currency() + " on a " + limits.currency()
                    + " agreement: the caller refuses other currencies first");
        }
        Money nothing = Money.zero(limits.currency());
        for (LimitRule rule : RULES) {
            Optional<Money> remaining = rule.remaining(limits, used.getOrDefault(rule.kind(), nothing));
            if (remaining.isPresent() && charge.compareTo(remaining.get()) > 0) {
                return new Verdict.Exceeded(rule.kind(), remaining.get());
            }
        }
        return new Verdict.Within();
    }
}
