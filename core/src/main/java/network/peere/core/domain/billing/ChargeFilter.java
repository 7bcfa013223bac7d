package network.peere.core.domain.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.MajorAmountBound;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;

/**
 * Which charges a history read returns: always scoped to merchants (a merchant's own, a provider's merchants) or to
 * one bank, never both; then the documented filters. {@code from} inclusive, {@code to} exclusive, on the creation time.
 * {@code minAmount} and {@code maxAmount} (inclusive) are in major units, applied in each charge's own currency.
 * {@code fullyRefunded}: only charges refunded in full (true), or only those not (false).
 */
public record ChargeFilter(
        Optional<MerchantScope> merchants,
        Optional<ParticipantId> bankId,
        Optional<Instant> from,
        Optional<Instant> to,
        Set<ChargeStatus> statuses,
        Optional<CustomerId> customerId,
        Optional<MajorAmountBound> minAmount,
        Optional<MajorAmountBound> maxAmount,
        Optional<Boolean> fullyRefunded) {
    public ChargeFilter {
        Objects.requireNonNull(fullyRefunded, "fullyRefunded");
        Objects.requireNonNull(merchants, "merchants");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(minAmount, "minAmount");
        Objects.requireNonNull(maxAmount, "maxAmount");
        if (merchants.isEmpty() == bankId.isEmpty()) {
            throw new IllegalArgumentException("a history is scoped to merchants or to one bank");
        }
    }

    /** Without a refund filter. */
    public ChargeFilter(
            Optional<MerchantScope> merchants,
            Optional<ParticipantId> bankId,
            Optional<Instant> from,
            Optional<Instant> to,
            Set<ChargeStatus> statuses,
            Optional<CustomerId> customerId,
            Optional<MajorAmountBound> minAmount,
            Optional<MajorAmountBound> maxAmount) {
        this(merchants, bankId, from, to, statuses, customerId, minAmount, maxAmount, Optional.empty());
    }

    /** Whether {@code amount} is within the amount bounds, in its own currency. */
    public boolean amountWithin(Money amount) {
        return minAmount
                        .map(min -> amount.minor() >= min.lowestMinor(amount.currency()))
                        .orElse(true)
                && maxAmount
                        .map(max -> amount.minor() <= max.highestMinor(amount.currency()))
                        .orElse(true);
    }
}
