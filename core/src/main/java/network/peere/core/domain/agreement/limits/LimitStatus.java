package network.peere.core.domain.agreement.limits;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.money.Money;

/**
 * What a merchant sees before billing: per limit the cap, what is used in the current window, what remains, and when
 * the window resets ({@code single} has no window and never resets).
 */
public record LimitStatus(LimitKind kind, Money cap, Money used, Money remaining, Optional<Instant> resetsAt) {
    public static List<LimitStatus> of(SpendingLimits limits, Map<LimitKind, Money> used, Instant now, ZoneId zone) {
        List<LimitStatus> statuses = new ArrayList<>();
        Money nothing = Money.zero(limits.currency());
        for (LimitRule rule : LimitCheck.RULES) {
            Money usedInWindow = rule.kind() == LimitKind.SINGLE ? nothing : used.getOrDefault(rule.kind(), nothing);
            rule.remaining(limits, usedInWindow)
                    .ifPresent(remaining -> statuses.add(new LimitStatus(
                            rule.kind(),
                            limits.cap(rule.kind()).orElseThrow(),
                            usedInWindow,
                            remaining,
                            LimitWindow.of(rule.kind(), now, zone).map(LimitWindow::end))));
        }
        return statuses;
    }
}
