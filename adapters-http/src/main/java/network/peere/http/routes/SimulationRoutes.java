package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.out.SimulatedBankStore.Simulation;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.JsonFields;

/**
 * The operator makes a sandbox bank simulated: Peere then answers its intents and billing requests itself, after
 * {@code delayMs}, by the rules of docs/sandbox.md. Only with a sandbox operator key, only for a sandbox bank.
 */
public final class SimulationRoutes {
    private static final Set<String> FIELDS = Set.of("enabled", "delayMs");

    private final Peere peere;
    private final ObjectMapper mapper;

    public SimulationRoutes(Peere peere, ObjectMapper mapper) {
        this.peere = peere;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.put("/v1/operator/banks/{bankId}/simulation", this::configure, Access.OPERATOR);
        routes.get("/v1/operator/banks/{bankId}/simulation", this::read, Access.OPERATOR);
    }

    private void configure(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        Optional<Boolean> enabled = body.optionalBoolean("enabled");
        if (!body.hasAnyOf(Set.of("enabled"))) {
            body.refuse("enabled", "required", "is required");
        }
        Optional<Long> delayMs = body.hasAnyOf(Set.of("delayMs"))
                ? body.requiredInteger("delayMs", 0, Simulation.DELAY_MAX.toMillis())
                : Optional.empty();
        body.rejectUnknown(FIELDS);
        body.validOrThrow();
        ParticipantId bankId = sandboxBank(ctx);
        Optional<Duration> delay =
                enabled.orElseThrow() ? Optional.of(Duration.ofMillis(delayMs.orElse(0L))) : Optional.empty();
        Optional<Simulation> simulation =
                BillingJson.orThrow(peere.simulateBanks().configure(bankId, delay));
        Envelope.ok(ctx, "Bank simulation updated successfully", answer(bankId, simulation));
    }

    private void read(Context ctx) {
        ParticipantId bankId = sandboxBank(ctx);
        Envelope.ok(
                ctx,
                "Bank simulation retrieved successfully",
                answer(bankId, peere.simulateBanks().simulation(bankId)));
    }

    /**
     * The port names banks without a mode, so the mode is checked here: a live key never reaches a sandbox bank,
     * and a bank of the key's mode must exist.
     */
    private ParticipantId sandboxBank(Context ctx) {
        Principal operator = Authenticator.principal(ctx);
        String raw = ctx.pathParam("bankId");
        Optional<ParticipantId> bank = Optional.of(raw)
                .filter(ParticipantId::isWellFormed)
                .map(ParticipantId::new)
                .filter(id -> peere.findParticipants()
                        .find(operator.mode(), id)
                        .filter(p -> p.role() == Role.BANK)
                        .isPresent());
        if (bank.isEmpty()) {
            throw BillingJson.problem(new Result.Refused<>(BillingProblem.BANK_NOT_FOUND));
        }
        if (operator.mode() != Mode.SANDBOX) {
            throw BillingJson.problem(new Result.Refused<>(BillingProblem.SIMULATION_NOT_ALLOWED));
        }
        return bank.get();
    }

    private static Map<String, Object> answer(ParticipantId bankId, Optional<Simulation> simulation) {
        Map<String, Object> data = Envelope.object();
        data.put("bankId", bankId.value());
        data.put("simulated", simulation.isPresent());
        data.put("delayMs", simulation.map(s -> s.delay().toMillis()).orElse(null));
        return data;
    }
}
