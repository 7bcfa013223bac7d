package network.peere.http.support;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Principal;
import network.peere.core.ports.in.participant.AuthenticateApiKey;
import network.peere.core.ports.in.participant.AuthenticateApiKey.Authentication;
import org.slf4j.MDC;

/**
 * Runs before every matched route: checks the bearer key, records the {@link Principal}, then (after the rate
 * limit) checks the route's {@link Access}. The key itself is never logged or echoed; only the key id and participant
 * id reach the logs.
 */
public final class Authenticator {
    public static final String MDC_PARTICIPANT = "participantId";
    private static final String ATTRIBUTE = "peere.principal";
    private static final String PARTICIPANT = "peere.participant";
    private static final String BEARER = "Bearer ";

    private final AuthenticateApiKey authenticate;

    public Authenticator(AuthenticateApiKey authenticate) {
        this.authenticate = authenticate;
    }

    /**
     * Checks the bearer key of a route that needs one and records the {@link Principal}; empty for a public route.
     * A missing, unknown or revoked key, or a suspended participant, is refused here, before any rate limit.
     */
    public Optional<Principal> authenticate(Context ctx) {
        Set<?> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Access.PUBLIC)) {
            return Optional.empty();
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiProblem(
                    ErrorCode.AUTHENTICATION_REQUIRED,
                    "Send your API key as 'Authorization: Bearer sk_test_…' (sandbox) or 'sk_live_…' (live).");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiProblem(ErrorCode.INVALID_API_KEY, "The Authorization header must use the Bearer scheme.");
        }
        var authenticated = switch (authenticate.authenticate(
                header.substring(BEARER.length()).trim())) {
            case Authentication.Authenticated ok -> ok;
            case Authentication.Rejected rejected -> throw rejection(rejected.reason());
        };
        Principal principal = authenticated.principal();
        ctx.attribute(ATTRIBUTE, principal);
        ctx.attribute(PARTICIPANT, authenticated.participant());
        MDC.put(MDC_PARTICIPANT, principal.participantId().value());
        return Optional.of(principal);
    }

    /** Refuses a role the route does not admit. */
    public void authorize(Context ctx, Principal principal) {
        Set<?> roles = ctx.routeRoles();
        boolean allowed = roles.contains(Access.ANY_PARTICIPANT)
                || roles.stream()
                        .anyMatch(r -> r instanceof Access access
                                && access.role()
                                        .filter(principal.role()::equals)
                                        .isPresent());
        if (!allowed) {
            throw new ApiProblem(
                    ErrorCode.INSUFFICIENT_PERMISSIONS,
                    "A " + principal.role().name().toLowerCase(java.util.Locale.ROOT)
                            + " key may not call this route.");
        }
    }

    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("route without authentication asked for a principal");
        }
        return principal;
    }

    /**
     * The key's participant as authentication read it: possibly a moment old (authentication is cached), so only for
     * a use case that checks its version again ({@link network.peere.core.ports.in.billing.Caller#authenticated()}).
     */
    public static Participant participant(Context ctx) {
        Participant participant = ctx.attribute(PARTICIPANT);
        if (participant == null) {
            throw new IllegalStateException("route without authentication asked for a participant");
        }
        return participant;
    }

    private static ApiProblem rejection(AuthenticateApiKey.Rejection reason) {
        return switch (reason) {
            case MALFORMED_KEY -> new ApiProblem(ErrorCode.INVALID_API_KEY, "That is not a Peere API key.");
            case UNKNOWN_KEY -> new ApiProblem(ErrorCode.INVALID_API_KEY, "Unknown API key.");
            case REVOKED_KEY -> new ApiProblem(ErrorCode.API_KEY_REVOKED, "This API key was revoked.");
            case PARTICIPANT_SUSPENDED ->
                new ApiProblem(ErrorCode.PARTICIPANT_SUSPENDED, "This participant is suspended.");
        };
    }
}
