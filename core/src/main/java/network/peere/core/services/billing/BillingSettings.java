package network.peere.core.services.billing;

import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.money.Money;

/**
 * The network's billing rules that operators may tune: how long a bank has to answer an intent and a billing request
 * (decisions.md: 24 h each by default), the smallest charge per currency (one major unit unless configured), and the
 * time zone whose midnights close settlement windows (Africa/Lagos unless configured).
 */
public record BillingSettings(
        Duration intentTtl, Duration chargeTtl, Map<Currency, Long> minimumMinor, java.time.ZoneId settlementZone) {
    public BillingSettings {
        Objects.requireNonNull(settlementZone, "settlementZone");
        Objects.requireNonNull(intentTtl, "intentTtl");
        Objects.requireNonNull(chargeTtl, "chargeTtl");
        minimumMinor = Map.copyOf(minimumMinor);
        if (!intentTtl.isPositive() || !chargeTtl.isPositive()) {
            throw new IllegalArgumentException("answer deadlines are positive");
        }
        minimumMinor.forEach((currency, minor) -> {
            if (minor < 1) {
                throw new IllegalArgumentException("the minimum charge in " + currency + " is positive");
            }
        });
    }

    public static BillingSettings standard() {
        return new BillingSettings(
                Duration.ofHours(24), Duration.ofHours(24), Map.of(), java.time.ZoneId.of("Africa/Lagos"));
    }

    /** The smallest charge accepted in a currency: as configured, else one major unit. */
    public Money minimum(Currency currency) {
        Long configured = minimumMinor.get(currency);
        if (configured != null) {
            return new Money(configured, currency);
        }
        return new Money(Math.round(Math.pow(10, Math.max(0, currency.getDefaultFractionDigits()))), currency);
    }
}
