package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import network.peere.core.Peere;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.EffectiveRateLimits;
import network.peere.core.domain.ratelimit.RateClass;
import network.peere.core.domain.ratelimit.RateLimit;
import network.peere.core.domain.ratelimit.RateLimitOverride;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.ratelimit.ConfigureRateLimits;
import network.peere.core.ports.in.ratelimit.ResolveRateLimits;
import network.peere.http.ratelimit.RateLimiter;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.JsonFields;

/** The operator reads, overrides and resets a participant's rate limits (docs/operations.md, "Rate limits"). */
public final class RateLimitRoutes {
    private static final String PATH = "/v1/operator/participants/{participantId}/rate-limits";
    private static final Set<String> CLASSES =
            Stream.of(RateClass.values()).map(RateLimitRoutes::wire).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> LIMIT_FIELDS = Set.of("perMinute", "burstPerSecond");

    private final Peere peere;
    private final ObjectMapper mapper;
    private final RateLimiter limiter;

    public RateLimitRoutes(Peere peere, ObjectMapper mapper, RateLimiter limiter) {
        this.peere = peere;
        this.mapper = mapper;
        this.limiter = limiter;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::get, Access.OPERATOR);
        routes.put(PATH, this::put, Access.OPERATOR);
        routes.delete(PATH, this::delete, Access.OPERATOR);
    }

    private void get(Context ctx) {
        ParticipantId id = OperatorRoutes.participantId(ctx, "participantId");
        switch (peere.resolveRateLimits().resolve(mode(ctx), id)) {
            case ResolveRateLimits.Resolution.Resolved ok ->
                Envelope.ok(ctx, "Rate limits retrieved successfully", json(ok.limits()));
            case ResolveRateLimits.Resolution.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case PARTICIPANT_NOT_FOUND -> OperatorRoutes.notFound();
                };
        }
    }

    private void put(Context ctx) {
        ParticipantId id = OperatorRoutes.participantId(ctx, "participantId");
        var body = JsonFields.parse(ctx, mapper);
        Map<RateClass, RateLimit> byClass = new EnumMap<>(RateClass.class);
        for (RateClass rateClass : RateClass.values()) {
            body.optionalObject(wire(rateClass))
                    .flatMap(RateLimitRoutes::limit)
                    .ifPresent(limit -> byClass.put(rateClass, limit));
        }
        body.rejectUnknown(CLASSES);
        if (!body.hasAnyOf(CLASSES)) {
            body.refuse("standard", "required", "at least one of standard, batch or read is required");
        }
        body.validOrThrow();
        configured(
                ctx,
                id,
                "Rate limits updated successfully",
                peere.configureRateLimits()
                        .override(mode(ctx), id, new RateLimitOverride(byClass), OperatorRoutes.actor(ctx)));
    }

    private void delete(Context ctx) {
        ParticipantId id = OperatorRoutes.participantId(ctx, "participantId");
        configured(
                ctx,
                id,
                "Rate limits reset to defaults",
                peere.configureRateLimits().clearOverride(mode(ctx), id, OperatorRoutes.actor(ctx)));
    }

    private void configured(Context ctx, ParticipantId id, String message, ConfigureRateLimits.Configuration outcome) {
        switch (outcome) {
            case ConfigureRateLimits.Configuration.Configured ok -> {
                limiter.limitsChanged(mode(ctx), id);
                Envelope.ok(ctx, message, json(ok.limits()));
            }
            case ConfigureRateLimits.Configuration.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case PARTICIPANT_NOT_FOUND -> OperatorRoutes.notFound();
                };
        }
    }

    /** Both rates are required; a burst above the per-minute rate could never be used and is refused. */
    private static Optional<RateLimit> limit(JsonFields object) {
        Optional<Long> perMinute = object.requiredInteger("perMinute", 1, RateLimit.PER_MINUTE_MAX);
        Optional<Long> burst = object.requiredInteger("burstPerSecond", 1, RateLimit.PER_MINUTE_MAX);
        object.rejectUnknown(LIMIT_FIELDS);
        if (perMinute.isEmpty() || burst.isEmpty()) {
            return Optional.empty();
        }
        if (!RateLimit.isValidBurst(burst.get(), perMinute.get())) {
            object.refuse("burstPerSecond", "out_of_range", "must not be above perMinute (" + perMinute.get() + ")");
            return Optional.empty();
        }
        return Optional.of(new RateLimit(perMinute.get().intValue(), burst.get().intValue()));
    }

    private static Map<String, Object> json(EffectiveRateLimits effective) {
        Map<String, Object> json = Envelope.object();
        json.put("participantId", effective.participantId().value());
        json.put("trustFactor", effective.trustFactor());
        for (RateClass rateClass : RateClass.values()) {
            RateLimit limit = effective.of(rateClass);
            Map<String, Object> one = Envelope.object();
            one.put("perMinute", limit.perMinute());
            one.put("burstPerSecond", limit.burstPerSecond());
            one.put("overridden", effective.isOverridden(rateClass));
            json.put(wire(rateClass), one);
        }
        return json;
    }

    private static Mode mode(Context ctx) {
        return Authenticator.principal(ctx).mode();
    }

    private static String wire(RateClass rateClass) {
        return rateClass.name().toLowerCase(Locale.ROOT);
    }
}
