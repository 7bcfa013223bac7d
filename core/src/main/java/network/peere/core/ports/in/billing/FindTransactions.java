package network.peere.core.ports.in.billing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/**
 * Transaction history and details: a merchant's charges, a provider's merchants' (or one merchant's with
 * {@code entityId}), a bank's customers'. Amount filters are major units in the charges' currency.
 */
public interface FindTransactions {
    Result<Page<Charge>> history(Caller caller, Query query, PageRequest page);

    Result<Charge> details(Caller caller, String transactionId);

    /**
     * Which of {@code charges} (as read through this port) a merchant settlement has taken: the reads'
     * {@code isSettled}. One read for a page.
     */
    Set<String> settled(Caller caller, List<Charge> charges);

    record Query(
            Optional<Instant> from,
            Optional<Instant> to,
            Optional<TransactionStatus> status,
            Optional<CustomerId> customerId,
            Optional<java.math.BigDecimal> minAmount,
            Optional<java.math.BigDecimal> maxAmount) {
        public Query {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(minAmount, "minAmount");
            Objects.requireNonNull(maxAmount, "maxAmount");
        }

        public static Query all() {
            return new Query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
    }
}
