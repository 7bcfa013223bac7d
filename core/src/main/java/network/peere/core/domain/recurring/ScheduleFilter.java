package network.peere.core.domain.recurring;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.participant.ParticipantId;

/** Which schedules a list returns: always within some merchants (the caller's scope), optionally narrowed. */
public record ScheduleFilter(
        Set<ParticipantId> merchantIds, Optional<String> customerId, Optional<ScheduleStatus> status) {
    public ScheduleFilter {
        merchantIds = Set.copyOf(merchantIds);
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        if (merchantIds.isEmpty()) {
            throw new IllegalArgumentException("a schedule list is scoped to at least one merchant");
        }
    }
}
