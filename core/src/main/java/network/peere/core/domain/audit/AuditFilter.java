package network.peere.core.domain.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;

/** Which audit entries to read: about one participant, of one action, in a time range [from, to). Empty means any. */
public record AuditFilter(
        Optional<ParticipantId> subject, Optional<AuditAction> action, Optional<Instant> from, Optional<Instant> to) {
    public AuditFilter {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static AuditFilter any() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static AuditFilter about(ParticipantId subject) {
        return new AuditFilter(Optional.of(subject), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean matches(AuditEntry entry) {
        return subject.map(entry.subject()::equals).orElse(true)
                && action.map(a -> a == entry.action()).orElse(true)
                && from.map(f -> !entry.occurredAt().isBefore(f)).orElse(true)
                && to.map(t -> entry.occurredAt().isBefore(t)).orElse(true);
    }
}
