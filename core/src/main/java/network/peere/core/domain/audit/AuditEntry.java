package network.peere.core.domain.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * One line of the append-only audit log: who ({@code actor}) did what ({@code action}) to which participant
 * ({@code subject}) and when, with the changed values in {@code details}. Entries are never updated or deleted.
 */
public record AuditEntry(
        String id,
        Mode mode,
        Actor actor,
        ParticipantId subject,
        AuditAction action,
        Map<String, String> details,
        Instant occurredAt) {

    public static final int DETAILS_MAX = 20;
    public static final int DETAIL_LENGTH_MAX = 500;

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (details.size() > DETAILS_MAX) {
            throw new IllegalArgumentException("at most " + DETAILS_MAX + " details");
        }
        details.forEach((name, value) -> {
            if (name.isBlank() || value == null || value.length() > DETAIL_LENGTH_MAX) {
                throw new IllegalArgumentException(
                        "detail " + name + " must be named and at most " + DETAIL_LENGTH_MAX + " characters");
            }
        });
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
