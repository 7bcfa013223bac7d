package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.FindTransactions;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.QueryParams;
import network.peere.http.support.QueryParams.DateEdge;

/**
 * Transaction history and details: a charge's {@code reference} is its {@code transactionId} (decisions.md,
 * "Transactions"). A merchant sees its charges, a provider its merchants' (or one's, with {@code entityId}), a bank
 * its customers'; anyone else's transaction is 404.
 */
public final class TransactionRoutes {
    private final Peere peere;
    private final ObjectMapper mapper;

    public TransactionRoutes(Peere peere, ObjectMapper mapper) {
        this.peere = peere;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/transaction-history", this::history, Access.MERCHANT, Access.PROVIDER, Access.BANK);
        routes.get(
                "/v1/transaction-details/{transactionId}",
                this::details,
                Access.MERCHANT,
                Access.PROVIDER,
                Access.BANK);
    }

    private void history(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        Optional<Instant> from = query.optionalInstantOrDate("from", DateEdge.START_OF_DAY);
        Optional<Instant> to = query.optionalInstantOrDate("to", DateEdge.END_OF_DAY);
        Optional<TransactionStatus> status = query.optionalEnum("status", TransactionStatus.class);
        Optional<String> rawCustomerId = query.optionalText("customerId");
        if (rawCustomerId.isPresent() && !CustomerId.isWellFormed(rawCustomerId.get())) {
            query.refuse("customerId", "invalid_format", "is not a well-formed customer id");
        }
        Optional<BigDecimal> minAmount = query.optionalDecimal("minAmount");
        Optional<BigDecimal> maxAmount = query.optionalDecimal("maxAmount");
        if (minAmount.isPresent() && maxAmount.isPresent() && minAmount.get().compareTo(maxAmount.get()) > 0) {
            query.refuse("minAmount", "out_of_range", "must not be above maxAmount");
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            query.refuse("from", "out_of_range", "must be before to");
        }
        PageRequest page = query.numberedPage();
        query.validOrThrow();
        Caller caller = BillingJson.caller(principal, entityId);
        var filter = new FindTransactions.Query(
                from,
                to,
                status,
                rawCustomerId.filter(CustomerId::isWellFormed).map(CustomerId::new),
                minAmount,
                maxAmount);
        Page<Charge> result = BillingJson.orThrow(peere.findTransactions().history(caller, filter, page));
        Set<String> settled = peere.findTransactions().settled(caller, result.items());
        Map<String, Object> data = Envelope.object();
        data.put(
                "transactions",
                result.items().stream()
                        .map(charge -> BillingJson.transaction(charge, settled.contains(charge.id()), mapper))
                        .toList());
        data.put("total", result.total());
        data.put("page", page.offset() / page.limit() + 1);
        data.put("limit", page.limit());
        Envelope.ok(ctx, "Transactions retrieved successfully", data);
    }

    private void details(Context ctx) {
        Caller caller = Caller.of(Authenticator.principal(ctx));
        Charge charge = BillingJson.orThrow(peere.findTransactions().details(caller, ctx.pathParam("transactionId")));
        boolean settled =
                !peere.findTransactions().settled(caller, List.of(charge)).isEmpty();
        Envelope.ok(ctx, "Transaction retrieved successfully", BillingJson.transaction(charge, settled, mapper));
    }
}
