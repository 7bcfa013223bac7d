package network.peere.http.support;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The documented success envelope {@code {statusCode, success, message, data}} (spec/decisions.md, "Envelope"). */
public final class Envelope {
    private Envelope() {}

    public static void ok(Context ctx, String message, Object data) {
        write(ctx, 200, message, data);
    }

    public static void created(Context ctx, String message, Object data) {
        write(ctx, 201, message, data);
    }

    public static void write(Context ctx, int status, String message, Object data) {
        ctx.status(status).json(body(status, true, message, data));
    }

    /**
     * The envelope itself; {@code success} is false for a batch's 207, which tells the client to read its per-item
     * results.
     */
    public static Map<String, Object> body(int status, boolean success, String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("success", success);
        body.put("message", message);
        body.put("data", data);
        return body;
    }

    /** A map that keeps insertion order and drops absent values, so JSON objects read in a stable order. */
    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }
}
