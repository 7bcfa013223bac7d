package network.peere.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import network.peere.core.Peere;
import network.peere.http.ratelimit.ClientRateLimiter;
import network.peere.http.ratelimit.RateLimiter;
import network.peere.http.ratelimit.RateLimiting;
import network.peere.http.routes.ApiKeyRoutes;
import network.peere.http.routes.AuditRoutes;
import network.peere.http.routes.BankCustomerRoutes;
import network.peere.http.routes.BillingRoutes;
import network.peere.http.routes.CustomerLookupRoutes;
import network.peere.http.routes.DecisionRoutes;
import network.peere.http.routes.FeeRoutes;
import network.peere.http.routes.MerchantRoutes;
import network.peere.http.routes.OperatorRoutes;
import network.peere.http.routes.PayPageRoutes;
import network.peere.http.routes.PaymentLinkRoutes;
import network.peere.http.routes.ProviderRoutes;
import network.peere.http.routes.RateLimitRoutes;
import network.peere.http.routes.ReconciliationRoutes;
import network.peere.http.routes.RecurringRoutes;
import network.peere.http.routes.RefundRoutes;
import network.peere.http.routes.SettlementRoutes;
import network.peere.http.routes.SimulationRoutes;
import network.peere.http.routes.SystemRoutes;
import network.peere.http.routes.TransactionRoutes;
import network.peere.http.routes.WebhookRoutes;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.CachedAuthentication;
import network.peere.http.support.ClientAddress;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.Idempotency;
import network.peere.http.support.ProblemErrorHandler;
import network.peere.http.support.Problems;
import network.peere.http.support.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Builds the HTTP API over a {@link Peere} core. Routes are thin: parse, call a use case, map the outcome. Everything
 * cross-cutting (request ids, authentication, rate limits, problem details, access logs, metrics) is wired here, once.
 */
public final class PeereHttp {
    private static final Logger ACCESS = LoggerFactory.getLogger("network.peere.http.access");
    private static final Logger LOG = LoggerFactory.getLogger(PeereHttp.class);

    /** What the HTTP side needs besides the core. */
    public record Settings(
            long maxRequestBytes,
            byte[] openApiYaml,
            BooleanSupplier ready,
            PrometheusMeterRegistry metrics,
            java.util.Set<String> trustedProxies) {
        public static final long MAX_REQUEST_BYTES_DEFAULT = 1024 * 1024;

        /** With no trusted reverse proxy: every client is the connection's peer. */
        public Settings(
                long maxRequestBytes, byte[] openApiYaml, BooleanSupplier ready, PrometheusMeterRegistry metrics) {
            this(maxRequestBytes, openApiYaml, ready, metrics, java.util.Set.of());
        }

        public Settings {
            trustedProxies = java.util.Set.copyOf(trustedProxies);
            Objects.requireNonNull(openApiYaml, "openApiYaml");
            Objects.requireNonNull(ready, "ready");
            Objects.requireNonNull(metrics, "metrics");
            if (maxRequestBytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be at least 1 KiB");
            }
        }
    }

    private PeereHttp() {}

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static Javalin create(Peere peere, Settings settings) {
        ObjectMapper mapper = objectMapper();
        var authentication = new CachedAuthentication(peere.authenticateApiKey());
        var authenticator = new Authenticator(authentication);
        var idempotency = new Idempotency(peere.runIdempotently(), mapper);
        var limiter = new RateLimiter(peere.resolveRateLimits(), RateLimiter.NanoTime.system());
        var rateLimiting = new RateLimiting(limiter);
        var clientLimiter = new ClientRateLimiter(ClientRateLimiter.Limits.DEFAULT, RateLimiter.NanoTime.system());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            var jettyErrors = new ProblemErrorHandler(mapper);
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.staticFiles.enableWebjars();
            var timers = new RequestTimers(settings.metrics());
            config.requestLogger.http((ctx, millis) -> logAndMeasure(ctx, millis, timers));
            config.routes.before(ctx -> MDC.put(RequestIds.MDC_KEY, RequestIds.assign(ctx)));
            // Authenticate, then rate-limit by the key, then check the role: a refused key never touches a bucket,
            // and a forbidden call still costs a token and carries the X-RateLimit-* headers.
            config.routes.beforeMatched(ctx -> authenticator.authenticate(ctx).ifPresent(principal -> {
                rateLimiting.admit(ctx, principal);
                authenticator.authorize(ctx, principal);
            }));
            config.routes.afterMatched(ctx -> forgetAuthenticationsAfterRevocation(ctx, authentication));
            new SystemRoutes(settings.ready(), settings.metrics(), settings.openApiYaml()).register(config.routes);
            new OperatorRoutes(peere, mapper, idempotency).register(config.routes);
            new RateLimitRoutes(peere, mapper, limiter).register(config.routes);
            new ApiKeyRoutes(peere, mapper, idempotency).register(config.routes);
            new MerchantRoutes(peere).register(config.routes);
            new ProviderRoutes(peere, mapper, idempotency).register(config.routes);
            new AuditRoutes(peere).register(config.routes);
            new WebhookRoutes(peere, mapper, idempotency).register(config.routes);
            new BankCustomerRoutes(peere, mapper, idempotency).register(config.routes);
            new CustomerLookupRoutes(peere, mapper).register(config.routes);
            new BillingRoutes(peere, mapper, idempotency).register(config.routes);
            new DecisionRoutes(peere, mapper, idempotency).register(config.routes);
            new TransactionRoutes(peere, mapper).register(config.routes);
            new network.peere.http.peerwallet.PeerwalletRoutes(peere, authentication, rateLimiting, mapper)
                    .register(config.routes);
            new SimulationRoutes(peere, mapper).register(config.routes);
            new RefundRoutes(peere, mapper, idempotency).register(config.routes);
            new SettlementRoutes(peere, mapper, idempotency).register(config.routes);
            new FeeRoutes(peere, mapper).register(config.routes);
            new ReconciliationRoutes(peere).register(config.routes);
            new RecurringRoutes(peere, mapper, idempotency).register(config.routes);
            new PaymentLinkRoutes(peere, mapper, idempotency).register(config.routes);
            new PayPageRoutes(peere, mapper, clientLimiter, new ClientAddress(settings.trustedProxies()))
                    .register(config.routes);
            registerErrorHandlers(config);
        });
    }

    /** Routes after which a key that authenticated a moment ago may no longer: revocations and suspensions. */
    private static final java.util.Set<String> REVOKING_ROUTES = java.util.Set.of(
            "/v1/keys/{keyId}/revoke",
            "/v1/operator/participants/{participantId}/keys/{keyId}/revoke",
            "/v1/operator/participants/{participantId}/suspend");

    private static void forgetAuthenticationsAfterRevocation(Context ctx, CachedAuthentication authentication) {
        // Runs before the response is sent, so a client that saw the 200 cannot race the cache with the old key.
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        if (ctx.statusCode() < 300 && endpoint != null && REVOKING_ROUTES.contains(endpoint.path)) {
            authentication.forgetAll();
        }
    }

    private static void registerErrorHandlers(JavalinConfig config) {
        config.routes.exception(ApiProblem.class, (e, ctx) -> Problems.write(ctx, e));
        config.routes.exception(
                HttpResponseException.class,
                (e, ctx) -> Problems.write(
                        ctx,
                        ErrorCode.forStatus(e.getStatus()),
                        e.getMessage() == null ? "Request refused." : e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // Bad input never lands here (handlers validate first); this is a bug or an outage. Log it with
            // the request id, and never send a stack trace to the client.
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            Problems.write(ctx, ErrorCode.INTERNAL_ERROR, "Something went wrong on our side; quote the request id.");
        });
        config.routes.error(404, "*", ctx -> {
            if (!isProblem(ctx) && !isPage(ctx)) {
                Problems.write(ctx, ErrorCode.ROUTE_NOT_FOUND, "No route " + ctx.method() + " " + ctx.path() + ".");
            }
        });
        config.routes.error(405, "*", ctx -> {
            if (!isProblem(ctx)) {
                Problems.write(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on this path.");
            }
        });
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        // A route's own JSON error (the Peerwallet adapter's 404 shape) is an answer too, not a missing route.
        return type != null && (type.startsWith(Problems.CONTENT_TYPE) || type.startsWith("application/json"));
    }

    /** A page that answered 404 itself (the pay page of an unknown link) keeps its HTML. */
    private static boolean isPage(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("text/html");
    }

    private static void logAndMeasure(Context ctx, Float millis, RequestTimers timers) {
        String route = routeOf(ctx);
        int status = ctx.statusCode();
        timers.of(ctx.method().name(), route, status).record(Duration.ofNanos((long) (millis * 1_000_000)));
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info("{} {} {} {}ms", ctx.method(), route, status, String.format("%.1f", millis));
        }
        MDC.remove(RequestIds.MDC_KEY);
        MDC.remove(Authenticator.MDC_PARTICIPANT);
    }

    /**
     * The {@code http.server.requests} timer of each method, route and status, built once: building a meter's id
     * (its tags, sorted) on every request cost more than recording. Routes are templates and statuses few, so the map
     * stays small.
     */
    private record RequestTimers(PrometheusMeterRegistry registry, ConcurrentMap<String, Timer> timers) {
        RequestTimers(PrometheusMeterRegistry registry) {
            this(registry, new ConcurrentHashMap<>());
        }

        Timer of(String method, String route, int status) {
            return timers.computeIfAbsent(
                    method + ' ' + status + ' ' + route,
                    key -> Timer.builder("http.server.requests")
                            .description("HTTP requests by route and status")
                            .tag("method", method)
                            .tag("route", route)
                            .tag("status", Integer.toString(status))
                            .publishPercentileHistogram()
                            .register(registry));
        }
    }

    /**
     * The route template that answered ({@code /v1/webhooks/endpoints/{id}}), never the raw path (ids would make a
     * metric series per object); {@code unmatched} when no route did. The before/after handlers ({@code *}) are not
     * routes.
     */
    private static String routeOf(Context ctx) {
        Endpoint matched = ctx.endpoints().lastHttpEndpoint();
        return matched == null ? "unmatched" : matched.path;
    }
}
