package network.peere.http.peerwallet;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import network.peere.core.ports.in.billing.Result;
import network.peere.http.routes.BillingJson;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.FieldError;
import network.peere.http.support.RequestIds;

/**
 * Peerwallet's answer shape (peerwallet-api.md §0): a JSON object whose own numeric {@code status} is 200 (done), 111
 * (the key is wrong or inactive) or 500 (refused or failed), and a {@code note}. Unlike Peerwallet, the HTTP status
 * says the same thing (200; 401 or 403 for 111; Peere's status for the {@code code} for 500), and every refusal
 * carries Peere's stable {@code code} and the {@code request_id}. Never a stack trace.
 */
final class PeerwalletAnswer {
    static final int DONE = 200;
    static final int KEY_REFUSED = 111;
    static final int FAILED = 500;

    /** Peerwallet's own words for {@link #KEY_REFUSED}, kept so integrations matching on them still work. */
    static final String KEY_REFUSED_NOTE = "API key is either not correct or its in-active";

    /** The refusals Peerwallet answers with {@code 111}: no key, a wrong one, a revoked one, a suspended merchant. */
    private static final Set<ErrorCode> KEY_CODES = Set.of(
            ErrorCode.AUTHENTICATION_REQUIRED,
            ErrorCode.INVALID_API_KEY,
            ErrorCode.API_KEY_REVOKED,
            ErrorCode.PARTICIPANT_SUSPENDED);

    private PeerwalletAnswer() {}

    /** {@code {status: 200, …fields, note}}, HTTP 200. */
    static void done(Context ctx, String note, Map<String, Object> fields) {
        Map<String, Object> body = Envelope.object();
        body.put("status", DONE);
        body.putAll(fields);
        body.put("note", note);
        ctx.status(200).json(body);
    }

    /** {@code {status: 111|500, code, note, errors?, …members, request_id}}, with the code's HTTP status. */
    static void refusal(Context ctx, PeerwalletRefusal refusal) {
        boolean keyRefused = KEY_CODES.contains(refusal.code());
        Map<String, Object> body = Envelope.object();
        body.put("status", keyRefused ? KEY_REFUSED : FAILED);
        body.put("code", refusal.code().wire());
        body.put("note", keyRefused ? KEY_REFUSED_NOTE : refusal.note());
        if (keyRefused) {
            body.put("detail", refusal.note());
        }
        if (!refusal.errors().isEmpty()) {
            body.put("errors", refusal.errors().stream().map(FieldError::asJson).toList());
        }
        refusal.members().forEach((name, value) -> body.putIfAbsent(snakeCase(name), value));
        RequestIds.current(ctx).ifPresent(id -> body.put("request_id", id));
        if (refusal.code().status() == 401) {
            // RFC 9110: a 401 names how to authenticate; here, the key header Peerwallet documents.
            ctx.header("WWW-Authenticate", "api-public-key realm=\"peere\"");
        }
        ctx.status(refusal.code().status()).json(body);
    }

    /** A core use case's refusal, with the main API's code and words. */
    static PeerwalletRefusal of(Result.Refused<?> refused) {
        BillingJson.Refusal wire = BillingJson.refusal(refused.problem());
        return new PeerwalletRefusal(wire.code(), wire.message());
    }

    /** A refusal the shared HTTP machinery raised (the rate limit's 429), in this adapter's shape. */
    static PeerwalletRefusal of(ApiProblem problem) {
        return new PeerwalletRefusal(problem.code(), problem.getMessage(), problem.fieldErrors(), problem.members());
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
