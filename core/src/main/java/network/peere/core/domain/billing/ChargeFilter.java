package network.peere.core.domain.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.ParticipantId;

/**
 * Which charges a history read returns: always scoped to merchants (a merchant's own, a provider's merchants) or to
 * one bank; then the documented filters. {@code from} inclusive, {@code to} exclusive, on the creation time.
 * {@code fullyRefunded}: only charges refunded in full (true), or only those not (false).
 */
public record ChargeFilter(
        Set<ParticipantId> merchantIds,
        Optional<ParticipantId> bankId,
        Optional<Instant> from,
        Optional<Instant> to,
        Set<ChargeStatus> statuses,
        Optional<CustomerId> customerId,
        Optional<Long> minAmountMinor,
        Optional<Long> maxAmountMinor,
        Optional<Boolean> fullyRefunded) {
    public ChargeFilter {
        Objects.requireNonNull(fullyRefunded, "fullyRefunded");
        merchantIds = Set.copyOf(merchantIds);
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(minAmountMinor, "minAmountMinor");
        Objects.requireNonNull(maxAmountMinor, "maxAmountMinor");
        if (merchantIds.isEmpty() == bankId.isEmpty()) {
            throw new IllegalArgumentException("a history is scoped to merchants or to one bank");
        }
    }

    /** Without a refund filter. */
    public ChargeFilter(
            Set<ParticipantId> merchantIds,
            Optional<ParticipantId> bankId,
            Optional<Instant> from,
            Optional<Instant> to,
            Set<ChargeStatus> statuses,
            Optional<CustomerId> customerId,
            Optional<Long> minAmountMinor,
            Optional<Long> maxAmountMinor) {
        this(merchantIds, bankId, from, to, statuses, customerId, minAmountMinor, maxAmountMinor, Optional.empty());
    }
}
