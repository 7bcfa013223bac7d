package network.peere.core.domain.agreement.limits;

import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.money.Money;

/** The caps a bank granted on an agreement, all optional, all positive and in the agreement's one currency. */
public record SpendingLimits(Currency currency, Map<LimitKind, Money> caps) {
    public SpendingLimits {
        Objects.requireNonNull(currency, "currency");
        EnumMap<LimitKind, Money> copy = new EnumMap<>(LimitKind.class);
        caps.forEach((kind, cap) -> {
            if (!cap.currency().equals(currency)) {
                throw new IllegalArgumentException(kind + " limit is in " + cap.currency() + ", not " + currency);
            }
            if (!cap.isPositive()) {
                throw new IllegalArgumentException(kind + " limit must be positive");
            }
            copy.put(kind, cap);
        });
        caps = java.util.Collections.unmodifiableMap(copy);
    }

    public static SpendingLimits none(Currency currency) {
        return new SpendingLimits(currency, Map.of());
    }

    public Optional<Money> cap(LimitKind kind) {
        return Optional.ofNullable(caps.get(kind));
    }
}
