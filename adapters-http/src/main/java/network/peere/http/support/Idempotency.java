package network.peere.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import network.peere.core.domain.idempotency.IdempotencyKey;
import network.peere.core.domain.idempotency.StoredResponse;
import network.peere.core.domain.participant.Principal;
import network.peere.core.ports.in.idempotency.RunIdempotently;

/**
 * The one mechanism behind {@code Idempotency-Key}: a route opts in by wrapping its handler ({@code
 * idempotency.wrap(this::create)}). With the header, the handler runs at most once per (participant, key): its
 * response is stored in the same transaction as its effect; the same request again gets that response (with
 * {@code Idempotent-Replayed: true}); the same key with another request gets 422 {@code idempotency_key_reused}; a
 * concurrent duplicate waits for the first and replays it. Without the header, the handler simply runs.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final RunIdempotently run;
    private final ObjectMapper canonical;
    private final ObjectMapper mapper;

    public Idempotency(RunIdempotently run, ObjectMapper mapper) {
        this.run = run;
        this.mapper = mapper;
        this.canonical = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public Handler wrap(Handler handler) {
        return ctx -> handle(ctx, handler, Optional.empty(), run::run);
    }

    /**
     * For a handler whose work commits in transactions of its own and is safe to repeat, each effect at most once (a
     * batch of bank answers): it runs outside the key's transaction, and its response is recorded after it
     * ({@link RunIdempotently#runThenRecord}). Holding every lock of a 500-answer batch in one transaction would set
     * its answers against the bills and the expiry sweep in another lock order.
     */
    public Handler wrapRecordingAfter(Handler handler) {
        return ctx -> handle(ctx, handler, Optional.empty(), run::runThenRecord);
    }

    /**
     * For responses that carry a secret shown once (a new API key): the stored copy has {@code data.<field>} set to
     * null, so the secret is never written to the database; a replay says so in {@code message}.
     */
    public Handler wrapRedacting(Handler handler, String dataField) {
        return ctx -> handle(ctx, handler, Optional.of(dataField), run::run);
    }

    private void handle(
            Context ctx,
            Handler handler,
            Optional<String> redactedField,
            BiFunction<RunIdempotently.Request, Supplier<StoredResponse>, RunIdempotently.Outcome> runner)
            throws Exception {
        String raw = ctx.header(HEADER);
        if (raw == null) {
            handler.handle(ctx);
            return;
        }
        if (!IdempotencyKey.isWellFormed(raw)) {
            throw JsonFields.invalid(List.of(new FieldError(
                    HEADER, "invalid_format", "must be 1-" + IdempotencyKey.LENGTH_MAX + " visible ASCII characters")));
        }
        Principal caller = Authenticator.principal(ctx);
        var request = new RunIdempotently.Request(
                new IdempotencyKey(caller.mode(), caller.participantId(), raw), fingerprint(ctx));
        RunIdempotently.Outcome outcome;
        try {
            outcome = runner.apply(request, () -> runAndCapture(ctx, handler, redactedField));
        } catch (HandlerFailed e) {
            throw e.cause;
        }
        switch (outcome) {
            case RunIdempotently.Outcome.Executed executed -> {}
            case RunIdempotently.Outcome.Replayed replayed -> {
                StoredResponse stored = replayed.response();
                ctx.status(stored.status()).contentType(stored.contentType()).result(stored.body());
                ctx.header(REPLAYED_HEADER, "true");
            }
            case RunIdempotently.Outcome.KeyReused reused ->
                throw new ApiProblem(
                        ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was already used for a different request; use a new key.");
        }
    }

    private StoredResponse runAndCapture(Context ctx, Handler handler, Optional<String> redactedField) {
        try {
            handler.handle(ctx);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HandlerFailed(e);
        }
        String body = Optional.ofNullable(ctx.result()).orElse("");
        String contentType = Optional.ofNullable(ctx.res().getContentType()).orElse("application/json");
        return new StoredResponse(
                ctx.statusCode(),
                contentType,
                redactedField.map(f -> redact(body, f)).orElse(body));
    }

    private String redact(String body, String field) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root.get("data") instanceof ObjectNode data && data.has(field)) {
                data.putNull(field);
                ((ObjectNode) root).put("message", "Replayed: the secret was shown once, to the first request");
            }
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a redacted response must be JSON", e);
        }
    }

    /** Method, path and body; a JSON body is canonicalised (keys sorted) so formatting does not make it differ. */
    private String fingerprint(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        byte[] canonicalBody = body;
        if (body.length > 0) {
            try {
                canonicalBody = canonical.writeValueAsBytes(mapper.readValue(body, Object.class));
            } catch (java.io.IOException notJson) {
                canonicalBody = body;
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((ctx.method().name() + " " + ctx.path() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(canonicalBody);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Carries a handler's checked exception through the transaction (rolling it back) to Javalin's handlers. */
    private static final class HandlerFailed extends RuntimeException {
        private final Exception cause;

        HandlerFailed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }
}
