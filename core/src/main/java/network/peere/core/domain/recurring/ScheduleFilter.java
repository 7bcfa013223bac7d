package network.peere.core.domain.recurring;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.MerchantScope;

/** Which schedules a list returns: always within some merchants (the caller's scope), optionally narrowed. */
public record ScheduleFilter(MerchantScope merchants, Optional<String> customerId, Optional<ScheduleStatus> status) {
    public ScheduleFilter {
        Objects.requireNonNull(merchants, "merchants");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
    }
}
