package network.peere.http.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import network.peere.core.Peere;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;

/** The operator proves the books of its key's mode: the journal sums to zero and every balance matches its records. */
public final class ReconciliationRoutes {
    private final Peere peere;

    public ReconciliationRoutes(Peere peere) {
        this.peere = peere;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/operator/reconciliation", this::reconcile, Access.OPERATOR);
    }

    private void reconcile(Context ctx) {
        var reconciliation =
                peere.reconcileLedger().reconcile(Authenticator.principal(ctx).mode());
        Envelope.ok(ctx, "Reconciliation completed", MoneyJson.reconciliation(reconciliation));
    }
}
