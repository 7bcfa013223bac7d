package network.peere.core.ports.in.audit;

import network.peere.core.domain.audit.AuditEntry;
import network.peere.core.domain.audit.AuditFilter;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** The operator reads who changed what and when, filtered by participant, action and time. */
public interface ReadAuditLog {
    Page<AuditEntry> list(Mode mode, AuditFilter filter, PageRequest page);
}
