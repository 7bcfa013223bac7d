package network.peere.http.ratelimit;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.ratelimit.RateClass;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.ErrorCode;

/**
 * The step after authentication: classifies the matched route, takes a token from the key's bucket, and writes the
 * {@code X-RateLimit-*} headers, which stay on the response whatever happens next (errors included). A refused
 * request answers 429 {@code rate_limited} with {@code Retry-After} and {@code retryAfter}.
 */
public final class RateLimiting {
    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    private final RateLimiter limiter;

    public RateLimiting(RateLimiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    public void admit(Context ctx, Principal principal) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        RateClass rateClass = RouteClasses.of(ctx.method(), endpoint == null ? ctx.path() : endpoint.path);
        answer(ctx, limiter.tryAcquire(principal, rateClass));
    }

    /** Writes the {@code X-RateLimit-*} headers of a decision and refuses the request when it was refused. */
    public static void answer(Context ctx, RateLimiter.Decision decision) {
        ctx.header(LIMIT, Integer.toString(decision.limit().perMinute()));
        ctx.header(REMAINING, Long.toString(decision.remaining()));
        ctx.header(RESET, Long.toString(decision.resetSeconds()));
        switch (decision) {
            case RateLimiter.Decision.Allowed allowed -> {}
            case RateLimiter.Decision.Refused refused -> {
                ctx.header(RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
                throw new ApiProblem(
                        ErrorCode.RATE_LIMITED,
                        "Rate limit exceeded for " + wire(decision.rateClass()) + " requests; retry in "
                                + refused.retryAfterSeconds() + " s.",
                        List.of(),
                        Map.of("retryAfter", refused.retryAfterSeconds()));
            }
        }
    }

    private static String wire(RateClass rateClass) {
        return rateClass.name().toLowerCase(java.util.Locale.ROOT);
    }
}
