package network.peere.http.support;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an id, echoed in {@code X-Request-Id}, in problem bodies and in every log line (MDC
 * {@code requestId}). A caller's own id is kept when it is short and plain, so ids can follow a request across systems.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = "peere.requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    private RequestIds() {}

    public static String assign(Context ctx) {
        String offered = ctx.header(HEADER);
        String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : generate();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        return id;
    }

    /** A new server-side id. */
    public static String generate() {
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }

    public static Optional<String> current(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }
}
