package network.peere.persistence.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import network.peere.core.domain.audit.AuditEntry;
import network.peere.core.domain.audit.AuditFilter;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.AuditLog;

/** The audit log as a list that only grows (an append is undone only when its transaction rolls back). */
final class InMemoryAuditLog implements AuditLog {
    private static final Comparator<AuditEntry> NEWEST_FIRST = Comparator.comparing(AuditEntry::occurredAt)
            .thenComparing(AuditEntry::id)
            .reversed();

    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final List<AuditEntry> entries = new ArrayList<>();

    InMemoryAuditLog(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void append(AuditEntry entry) {
        var row = new AuditEntry(
                entry.id(),
                entry.mode(),
                entry.actor(),
                entry.subject(),
                entry.action(),
                entry.details(),
                Micros.truncate(entry.occurredAt()));
        transactor.useTransaction(() -> {
            if (entries.stream().anyMatch(e -> e.id().equals(row.id()))) {
                throw new IllegalStateException("duplicate audit entry id " + row.id());
            }
            entries.add(row);
            transactor.onRollback(() -> entries.remove(row));
        });
    }

    @Override
    public Page<AuditEntry> list(Mode mode, AuditFilter filter, PageRequest page) {
        return transactor.inTransaction(() -> {
            List<AuditEntry> matches = entries.stream()
                    .filter(e -> e.mode() == mode && filter.matches(e))
                    .sorted(NEWEST_FIRST)
                    .toList();
            return new Page<>(
                    matches.stream().skip(page.offset()).limit(page.limit()).toList(), matches.size());
        });
    }
}
