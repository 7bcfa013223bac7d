package network.peere.core.ports.out;

import network.peere.core.domain.audit.AuditEntry;
import network.peere.core.domain.audit.AuditFilter;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/**
 * The append-only audit log. {@link #append} joins the caller's transaction, so an entry exists exactly when the
 * change it describes was committed.
 */
public interface AuditLog {
    void append(AuditEntry entry);

    /** Newest first, then by id. */
    Page<AuditEntry> list(Mode mode, AuditFilter filter, PageRequest page);
}
