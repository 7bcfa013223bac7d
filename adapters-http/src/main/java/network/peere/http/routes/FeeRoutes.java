package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.money.ManageFees;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * Fee schedules: the operator sets the network's, a provider's (its merchants' default) or a merchant's own, in the
 * key's mode; a merchant (or its provider) reads what it pays and where that comes from. Amounts are integers in
 * minor units of the charge's currency, because one schedule serves every currency.
 */
public final class FeeRoutes {
    /** The owner that names the network's own schedule. */
    static final String NETWORK = "network";
    /** A bound far above any sensible fee, so a typo of many digits is refused rather than stored. */
    static final long MINOR_MAX = 1_000_000_000_000L;

    private static final Set<String> FIELDS = Set.of("basisPoints", "fixedMinor", "minimumMinor", "maximumMinor");

    private final Peere peere;
    private final ObjectMapper mapper;

    public FeeRoutes(Peere peere, ObjectMapper mapper) {
        this.peere = peere;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.put("/v1/operator/fees/{owner}", this::set, Access.OPERATOR);
        routes.get("/v1/operator/fees/{owner}", this::get, Access.OPERATOR);
        routes.delete("/v1/operator/fees/{owner}", this::remove, Access.OPERATOR);
        routes.get("/v1/merchant/fees", this::effective, Access.MERCHANT, Access.PROVIDER);
    }

    private void set(Context ctx) {
        String owner = owner(ctx);
        var body = JsonFields.parse(ctx, mapper);
        Optional<Long> basisPoints = body.requiredInteger("basisPoints", 0, FeeSchedule.BASIS_POINTS_MAX);
        Optional<Long> fixed = body.requiredInteger("fixedMinor", 0, MINOR_MAX);
        Optional<Long> minimum = body.requiredInteger("minimumMinor", 0, MINOR_MAX);
        // Absent or null: no cap.
        Optional<Long> maximum = body.hasAnyOf(Set.of("maximumMinor"))
                ? body.requiredInteger("maximumMinor", 0, MINOR_MAX)
                : Optional.empty();
        if (minimum.isPresent() && maximum.isPresent() && maximum.get() < minimum.get()) {
            body.refuse("maximumMinor", "out_of_range", "must be at least minimumMinor");
        }
        body.rejectUnknown(FIELDS);
        body.validOrThrow();
        var schedule = new FeeSchedule(
                Math.toIntExact(basisPoints.orElseThrow()), fixed.orElseThrow(), minimum.orElseThrow(), maximum);
        Optional<FeeSchedule> stored =
                BillingJson.orThrow(peere.manageFees().set(mode(ctx), owner, Optional.of(schedule)));
        Envelope.ok(ctx, "Fee schedule updated successfully", MoneyJson.feeSchedule(owner, stored.orElse(schedule)));
    }

    private void get(Context ctx) {
        String owner = owner(ctx);
        FeeSchedule schedule = peere.manageFees().find(mode(ctx), owner).orElseThrow(FeeRoutes::notSet);
        Envelope.ok(ctx, "Fee schedule retrieved successfully", MoneyJson.feeSchedule(owner, schedule));
    }

    /** Removes an override: the owner's merchants fall back to the provider's or the network's schedule. */
    private void remove(Context ctx) {
        String owner = owner(ctx);
        BillingJson.orThrow(peere.manageFees().set(mode(ctx), owner, Optional.empty()));
        ctx.status(204);
    }

    private void effective(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = SettlementRoutes.requiredEntityIdQuery(query, principal);
        query.validOrThrow();
        ParticipantId merchant = merchantOf(principal, entityId);
        ManageFees.Effective effective = BillingJson.orThrow(peere.manageFees().effective(principal.mode(), merchant));
        Map<String, Object> data = MoneyJson.feeTerms(effective.schedule());
        data.put("source", effective.source());
        Envelope.ok(ctx, "Fees retrieved successfully", data);
    }

    /**
     * The merchant whose fees are asked for: the key's own, or for a provider one of its own merchants (the port
     * takes a merchant id, not a caller, so the provider's scope is checked here).
     */
    private ParticipantId merchantOf(Principal principal, Optional<String> entityId) {
        if (principal.role() != Role.PROVIDER) {
            return principal.participantId();
        }
        return entityId.filter(ParticipantId::isWellFormed)
                .map(ParticipantId::new)
                .filter(id -> peere.findProviderMerchants()
                        .find(principal.mode(), principal.participantId(), id)
                        .isPresent())
                .orElseThrow(() -> BillingJson.problem(new Result.Refused<>(BillingProblem.MERCHANT_NOT_FOUND)));
    }

    private static String owner(Context ctx) {
        String owner = ctx.pathParam("owner");
        if (!owner.equals(NETWORK) && !ParticipantId.isWellFormed(owner)) {
            throw new ApiProblem(
                    ErrorCode.PARTICIPANT_NOT_FOUND, "The owner is network, a provider id or a merchant id.");
        }
        return owner;
    }

    private static Mode mode(Context ctx) {
        return Authenticator.principal(ctx).mode();
    }

    private static ApiProblem notSet() {
        return new ApiProblem(ErrorCode.FEE_SCHEDULE_NOT_FOUND, "No fee schedule is set for this owner.");
    }
}
