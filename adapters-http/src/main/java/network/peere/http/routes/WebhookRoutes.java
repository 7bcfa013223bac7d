package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.EndpointStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.ports.in.webhook.ManageWebhookEndpoints;
import network.peere.core.ports.in.webhook.ReplayEvents;
import network.peere.core.ports.in.webhook.SendTestEvent;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * Webhook endpoints, their deliveries, replays and test events (docs/webhooks.md). Every participant manages its own,
 * in the mode of its key; another participant's endpoint is 404, as if it did not exist.
 */
public final class WebhookRoutes {
    private static final String ENDPOINTS = "/v1/webhooks/endpoints";
    private static final String ONE = ENDPOINTS + "/{endpointId}";
    private static final Set<String> SPEC_FIELDS = Set.of("url", "eventTypes", "enabled");
    private static final long GRACE_SECONDS_MAX = ManageWebhookEndpoints.GRACE_MAX.toSeconds();

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public WebhookRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post(ENDPOINTS, idempotency.wrapRedacting(this::create, "secret"), Access.ANY_PARTICIPANT);
        routes.get(ENDPOINTS, this::list, Access.ANY_PARTICIPANT);
        routes.get(ONE, this::get, Access.ANY_PARTICIPANT);
        routes.put(ONE, this::update, Access.ANY_PARTICIPANT);
        routes.delete(ONE, this::delete, Access.ANY_PARTICIPANT);
        routes.post(ONE + "/rotate-secret", idempotency.wrapRedacting(this::rotate, "secret"), Access.ANY_PARTICIPANT);
        routes.get(ONE + "/deliveries", this::deliveries, Access.ANY_PARTICIPANT);
        routes.post("/v1/webhooks/replay", idempotency.wrap(this::replay), Access.ANY_PARTICIPANT);
        routes.post("/v1/webhooks/test", idempotency.wrap(this::test), Access.ANY_PARTICIPANT);
    }

    private void create(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        var spec = spec(ctx, EndpointStatus.ENABLED);
        switch (peere.manageWebhookEndpoints().create(caller.mode(), caller.participantId(), spec, Actor.of(caller))) {
            case ManageWebhookEndpoints.Creation.Created created -> {
                Map<String, Object> data = endpoint(created.endpoint());
                // Shown once; the server keeps it sealed and never shows it again.
                data.put("secret", created.secret().reveal());
                ctx.header("Cache-Control", "no-store");
                Envelope.created(ctx, "Webhook endpoint created; store the secret now, it is not shown again", data);
            }
            case ManageWebhookEndpoints.Creation.Rejected rejected ->
                throw problem(rejected.reason(), rejected.detail());
        }
    }

    private void list(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        var endpoints = peere.manageWebhookEndpoints().list(caller.mode(), caller.participantId()).stream()
                .map(WebhookRoutes::endpoint)
                .toList();
        Map<String, Object> data = Envelope.object();
        data.put("endpoints", endpoints);
        data.put("total", endpoints.size());
        Envelope.ok(ctx, "Webhook endpoints retrieved successfully", data);
    }

    private void get(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        WebhookEndpoint endpoint = peere.manageWebhookEndpoints()
                .find(caller.mode(), caller.participantId(), endpointId(ctx))
                .orElseThrow(WebhookRoutes::endpointNotFound);
        Envelope.ok(ctx, "Webhook endpoint retrieved successfully", endpoint(endpoint));
    }

    private void update(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        WebhookEndpointId id = endpointId(ctx);
        var spec = spec(ctx, EndpointStatus.ENABLED);
        changed(
                ctx,
                "Webhook endpoint updated successfully",
                peere.manageWebhookEndpoints()
                        .update(caller.mode(), caller.participantId(), id, spec, Actor.of(caller)));
    }

    private void delete(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        changed(
                ctx,
                "Webhook endpoint deleted successfully",
                peere.manageWebhookEndpoints()
                        .delete(caller.mode(), caller.participantId(), endpointId(ctx), Actor.of(caller)));
    }

    private void changed(Context ctx, String message, ManageWebhookEndpoints.Change outcome) {
        switch (outcome) {
            case ManageWebhookEndpoints.Change.Changed changed ->
                Envelope.ok(ctx, message, endpoint(changed.endpoint()));
            case ManageWebhookEndpoints.Change.Rejected rejected -> throw problem(rejected.reason(), rejected.detail());
        }
    }

    private void rotate(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        WebhookEndpointId id = endpointId(ctx);
        Duration grace = ManageWebhookEndpoints.GRACE_DEFAULT;
        if (ctx.bodyAsBytes().length > 0) {
            var body = JsonFields.parse(ctx, mapper);
            Optional<Long> seconds = body.hasAnyOf(Set.of("gracePeriodSeconds"))
                    ? body.requiredInteger("gracePeriodSeconds", 0, GRACE_SECONDS_MAX)
                    : Optional.empty();
            body.rejectUnknown(Set.of("gracePeriodSeconds"));
            body.validOrThrow();
            grace = seconds.map(Duration::ofSeconds).orElse(grace);
        }
        switch (peere.manageWebhookEndpoints()
                .rotateSecret(caller.mode(), caller.participantId(), id, grace, Actor.of(caller))) {
            case ManageWebhookEndpoints.Rotation.Rotated rotated -> {
                Map<String, Object> data = endpoint(rotated.endpoint());
                data.put("secret", rotated.secret().reveal());
                ctx.header("Cache-Control", "no-store");
                Envelope.ok(ctx, "Secret rotated; store the new secret now, it is not shown again", data);
            }
            case ManageWebhookEndpoints.Rotation.Rejected rejected ->
                throw problem(rejected.reason(), rejected.detail());
        }
    }

    private void deliveries(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        WebhookEndpointId id = endpointId(ctx);
        var query = new QueryParams(ctx);
        Optional<DeliveryStatus> status = query.optionalEnum("status", DeliveryStatus.class);
        var page = query.offsetPage();
        query.validOrThrow();
        Page<DeliveryRecord> found = peere.listDeliveries()
                .list(caller.mode(), caller.participantId(), id, status, page)
                .orElseThrow(WebhookRoutes::endpointNotFound);
        Map<String, Object> data = Envelope.object();
        data.put(
                "deliveries", found.items().stream().map(DeliveryJson::delivery).toList());
        data.put("total", found.total());
        Envelope.ok(ctx, "Deliveries retrieved successfully", data);
    }

    private void replay(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        Optional<String> eventId = body.optionalText("eventId", 40);
        Optional<String> failedSince = body.optionalText("failedSince", 40);
        Optional<String> endpoint = body.optionalText("endpointId", 40);
        body.rejectUnknown(Set.of("eventId", "failedSince", "endpointId"));
        if (eventId.isPresent() == failedSince.isPresent()) {
            body.refuse("eventId", "required", "give exactly one of eventId and failedSince");
        }
        java.time.Instant since = null;
        if (failedSince.isPresent()) {
            try {
                since = java.time.Instant.parse(failedSince.get());
            } catch (java.time.format.DateTimeParseException e) {
                body.refuse("failedSince", "invalid_format", "must be an ISO-8601 instant like 2026-11-23T08:00:00Z");
            }
        }
        body.validOrThrow();
        ReplayEvents.Target target = endpoint.isPresent()
                ? new ReplayEvents.Target.Endpoint(parseEndpointId(endpoint.get()))
                : new ReplayEvents.Target.SubscribedNow();
        Actor actor = Actor.of(caller);
        ReplayEvents.Replay outcome = since != null
                ? peere.replayEvents().replayFailedSince(caller.mode(), caller.participantId(), since, target, actor)
                : peere.replayEvents().replayOne(caller.mode(), caller.participantId(), eventId.get(), target, actor);
        switch (outcome) {
            case ReplayEvents.Replay.Queued queued -> {
                Map<String, Object> data = Envelope.object();
                data.put("events", queued.events());
                data.put("batchIds", queued.deliveryIds());
                Envelope.write(ctx, 202, "Replay queued", data);
            }
            case ReplayEvents.Replay.Rejected rejected -> throw problem(rejected.reason());
        }
    }

    private void test(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        String raw = body.requiredText("endpointId", 40);
        body.rejectUnknown(Set.of("endpointId"));
        body.validOrThrow();
        switch (peere.sendTestEvent().sendTest(caller.mode(), caller.participantId(), parseEndpointId(raw))) {
            case SendTestEvent.TestSend.Queued queued -> {
                Map<String, Object> data = Envelope.object();
                data.put("eventId", queued.event().id());
                data.put("batchId", queued.deliveryId());
                Envelope.write(ctx, 202, "Test event queued", data);
            }
            case SendTestEvent.TestSend.Rejected rejected -> throw problem(rejected.reason());
        }
    }

    /** PUT replaces the endpoint: url and eventTypes are required; {@code enabled} defaults to true. */
    private ManageWebhookEndpoints.Spec spec(Context ctx, EndpointStatus fallback) {
        var body = JsonFields.parse(ctx, mapper);
        String rawUrl = body.requiredText("url", WebhookEndpoint.URL_LENGTH_MAX);
        Optional<List<String>> rawTypes =
                body.requiredTextList("eventTypes", EventType.values().length, EventType.WIRE_LENGTH_MAX);
        Optional<Boolean> enabled = body.optionalBoolean("enabled");
        body.rejectUnknown(SPEC_FIELDS);
        URI url = null;
        if (rawUrl != null) {
            try {
                url = new URI(rawUrl);
                if (!url.isAbsolute() || url.getHost() == null) {
                    body.refuse("url", "invalid_format", "must be an absolute http(s) URL with a host");
                }
            } catch (URISyntaxException e) {
                body.refuse("url", "invalid_format", "must be an absolute http(s) URL with a host");
            }
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        rawTypes.ifPresent(list -> list.forEach(wire -> EventType.fromWire(wire)
                .ifPresentOrElse(
                        types::add,
                        () -> body.refuse("eventTypes", "invalid_value", "unknown event type '" + wire + "'"))));
        body.validOrThrow();
        EndpointStatus status = enabled.map(on -> on ? EndpointStatus.ENABLED : EndpointStatus.DISABLED)
                .orElse(fallback);
        return new ManageWebhookEndpoints.Spec(url, types, status);
    }

    private static WebhookEndpointId endpointId(Context ctx) {
        return parseEndpointId(ctx.pathParam("endpointId"));
    }

    private static WebhookEndpointId parseEndpointId(String raw) {
        if (!WebhookEndpointId.isWellFormed(raw)) {
            throw endpointNotFound();
        }
        return new WebhookEndpointId(raw);
    }

    private static ApiProblem endpointNotFound() {
        return new ApiProblem(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "No such webhook endpoint.");
    }

    private static ApiProblem problem(ManageWebhookEndpoints.Rejection reason, String detail) {
        return switch (reason) {
            case ENDPOINT_NOT_FOUND -> endpointNotFound();
            case URL_NOT_ALLOWED ->
                new ApiProblem(ErrorCode.WEBHOOK_URL_NOT_ALLOWED, "The endpoint URL is not allowed: " + detail + ".");
            case TOO_MANY_ENDPOINTS -> new ApiProblem(ErrorCode.WEBHOOK_ENDPOINT_LIMIT_REACHED, detail);
            case CONCURRENT_CHANGE ->
                new ApiProblem(ErrorCode.CONCURRENT_MODIFICATION, "The endpoint changed concurrently; retry.");
        };
    }

    private static ApiProblem problem(ReplayEvents.Rejection reason) {
        return switch (reason) {
            case ENDPOINT_NOT_FOUND -> endpointNotFound();
            case ENDPOINT_DISABLED ->
                new ApiProblem(
                        ErrorCode.WEBHOOK_ENDPOINT_DISABLED, "The webhook endpoint is disabled; enable it first.");
            case EVENT_NOT_FOUND -> new ApiProblem(ErrorCode.WEBHOOK_EVENT_NOT_FOUND, "No such event.");
        };
    }

    static Map<String, Object> endpoint(WebhookEndpoint endpoint) {
        Map<String, Object> json = Envelope.object();
        json.put("id", endpoint.id().value());
        json.put("url", endpoint.url().toString());
        json.put(
                "eventTypes",
                endpoint.eventTypes().stream().map(EventType::wire).sorted().toList());
        json.put("enabled", endpoint.status().receives());
        json.put("status", WireEnums.wireName(endpoint.status()));
        json.put("mode", endpoint.mode().wireName());
        json.put("previousSecretExpiresAt", endpoint.secrets().previousUntil().orElse(null));
        json.put("createdAt", endpoint.createdAt());
        json.put("updatedAt", endpoint.updatedAt());
        return json;
    }
}
