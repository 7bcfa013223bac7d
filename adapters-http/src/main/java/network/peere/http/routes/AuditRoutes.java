package network.peere.http.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import network.peere.core.Peere;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.audit.AuditEntry;
import network.peere.core.domain.audit.AuditFilter;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.QueryParams;

/** The operator reads the audit log: who changed what and when, filtered by participant, action and time. */
public final class AuditRoutes {
    private final Peere peere;

    public AuditRoutes(Peere peere) {
        this.peere = peere;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/operator/audit-events", this::list, Access.OPERATOR);
    }

    private void list(Context ctx) {
        var query = new QueryParams(ctx);
        var filter = new AuditFilter(
                query.optionalId("participantId"),
                query.optionalEnum("action", AuditAction.class),
                query.optionalInstant("from"),
                query.optionalInstant("to"));
        PageRequest page = query.offsetPage();
        query.validOrThrow();
        Page<AuditEntry> result =
                peere.readAuditLog().list(Authenticator.principal(ctx).mode(), filter, page);
        Map<String, Object> data = Envelope.object();
        data.put("events", result.items().stream().map(AuditRoutes::json).toList());
        data.put("total", result.total());
        data.put("offset", page.offset());
        data.put("limit", page.limit());
        Envelope.ok(ctx, "Audit events retrieved successfully", data);
    }

    private static Map<String, Object> json(AuditEntry entry) {
        Map<String, Object> actor = Envelope.object();
        actor.put("type", WireEnums.wireName(entry.actor().kind()));
        actor.put(
                "participantId",
                entry.actor().participantId().map(Object::toString).orElse(null));
        actor.put("keyId", entry.actor().keyId().map(Object::toString).orElse(null));
        actor.put("label", entry.actor().label());
        Map<String, Object> json = Envelope.object();
        json.put("id", entry.id());
        json.put("participantId", entry.subject().value());
        json.put("action", WireEnums.wireName(entry.action()));
        json.put("actor", actor);
        json.put("details", entry.details());
        json.put("occurredAt", entry.occurredAt().toString());
        return json;
    }
}
