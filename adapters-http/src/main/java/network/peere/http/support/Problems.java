package network.peere.http.support;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes RFC 9457 {@code application/problem+json} bodies that also carry the members the public Peere docs show
 * ({@code statusCode}, {@code success: false}, {@code message}, {@code errors}), so existing clients keep parsing them.
 */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:peere:error:";

    private Problems() {}

    public static void write(Context ctx, ApiProblem problem) {
        write(ctx, problem.code(), problem.getMessage(), problem.fieldErrors(), problem.members());
    }

    public static void write(Context ctx, ErrorCode code, String detail) {
        write(ctx, code, detail, List.of());
    }

    public static void write(Context ctx, ErrorCode code, String detail, List<FieldError> fieldErrors) {
        write(ctx, code, detail, fieldErrors, Map.of());
    }

    /** {@code members} are extension members; they never replace a standard one. */
    public static void write(
            Context ctx, ErrorCode code, String detail, List<FieldError> fieldErrors, Map<String, Object> members) {
        Map<String, Object> body = body(code, code.status(), detail, ctx.path());
        if (!fieldErrors.isEmpty()) {
            body.put(
                    "errors",
                    fieldErrors.stream()
                            .map(e -> e.field() + ": " + e.message())
                            .toList());
            body.put("fieldErrors", fieldErrors.stream().map(FieldError::asJson).toList());
        }
        members.forEach(body::putIfAbsent);
        RequestIds.current(ctx).ifPresent(id -> body.put("requestId", id));
        if (code.status() == 401) {
            // RFC 9110: a 401 names the scheme the client should use.
            ctx.header("WWW-Authenticate", "Bearer realm=\"peere\"");
        }
        ctx.status(code.status());
        ctx.json(body);
        ctx.contentType(CONTENT_TYPE);
    }

    /** The members every problem has; {@code status} is the answer's, which a code's own may not be. */
    public static Map<String, Object> body(ErrorCode code, int status, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code.wire());
        body.put("title", code.title());
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("code", code.wire());
        body.put("statusCode", status);
        body.put("success", false);
        body.put("message", detail);
        return body;
    }
}
