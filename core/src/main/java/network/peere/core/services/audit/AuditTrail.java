package network.peere.core.services.audit;

import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.audit.AuditEntry;
import network.peere.core.domain.audit.AuditFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.audit.ReadAuditLog;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;

/** Writes audit entries for the other services (inside their transactions) and serves the operator's reads. */
public final class AuditTrail implements ReadAuditLog {
    private static final String ID_PREFIX = "aud";

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;

    public AuditTrail(PeereStores stores, Clock clock, IdGenerator ids) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** Call inside the transaction that makes the change, so the entry commits or rolls back with it. */
    public void record(Mode mode, Actor actor, ParticipantId subject, AuditAction action, Map<String, String> details) {
        stores.auditLog()
                .append(new AuditEntry(ids.newId(ID_PREFIX), mode, actor, subject, action, details, clock.now()));
    }

    @Override
    public Page<AuditEntry> list(Mode mode, AuditFilter filter, PageRequest page) {
        Page<AuditEntry> result = stores.auditLog().list(mode, filter, page);
        Invariants.check(
                result.items().stream().allMatch(e -> e.mode() == mode && filter.matches(e)),
                "the audit log returned an entry outside the requested mode or filter");
        return result;
    }
}
