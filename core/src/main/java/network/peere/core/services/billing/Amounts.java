package network.peere.core.services.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.money.AmountParser;
import network.peere.core.domain.money.Money;

/** Wire amounts (major units) to money, exactly: empty when an amount is not positive or too precise for its currency. */
final class Amounts {
    private Amounts() {}

    static Optional<Money> money(BigDecimal major, Currency currency) {
        return AmountParser.parse(major, currency) instanceof AmountParser.Parsed.Valid valid
                ? Optional.of(valid.money())
                : Optional.empty();
    }

    static Optional<SpendingLimits> limits(Map<LimitKind, BigDecimal> major, Currency currency) {
        Map<LimitKind, Money> caps = new EnumMap<>(LimitKind.class);
        for (var entry : major.entrySet()) {
            Optional<Money> cap = money(entry.getValue(), currency);
            if (cap.isEmpty()) {
                return Optional.empty();
            }
            caps.put(entry.getKey(), cap.get());
        }
        return Optional.of(new SpendingLimits(currency, caps));
    }
}
