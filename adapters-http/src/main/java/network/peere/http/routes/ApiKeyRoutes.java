package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;

/**
 * API keys: every participant manages its own ({@code /v1/keys}) so it can rotate without the operator; the operator
 * issues and revokes any participant's keys in its mode.
 */
public final class ApiKeyRoutes {
    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public ApiKeyRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/keys", idempotency.wrapRedacting(ctx -> issue(ctx, self(ctx)), "key"), Access.ANY_PARTICIPANT);
        routes.get("/v1/keys", ctx -> list(ctx, self(ctx)), Access.ANY_PARTICIPANT);
        routes.post("/v1/keys/{keyId}/revoke", idempotency.wrap(ctx -> revoke(ctx, self(ctx))), Access.ANY_PARTICIPANT);
        routes.post(
                "/v1/operator/participants/{participantId}/keys",
                idempotency.wrapRedacting(ctx -> issue(ctx, OperatorRoutes.participantId(ctx, "participantId")), "key"),
                Access.OPERATOR);
        routes.get(
                "/v1/operator/participants/{participantId}/keys",
                ctx -> list(ctx, OperatorRoutes.participantId(ctx, "participantId")),
                Access.OPERATOR);
        routes.post(
                "/v1/operator/participants/{participantId}/keys/{keyId}/revoke",
                idempotency.wrap(ctx -> revoke(ctx, OperatorRoutes.participantId(ctx, "participantId"))),
                Access.OPERATOR);
    }

    private static ParticipantId self(Context ctx) {
        return Authenticator.principal(ctx).participantId();
    }

    private void issue(Context ctx, ParticipantId owner) {
        String label = "";
        if (ctx.bodyAsBytes().length > 0) {
            var body = JsonFields.parse(ctx, mapper);
            label = body.optionalText("label", ApiKey.LABEL_LENGTH_MAX).orElse("");
            body.rejectUnknown(Set.of("label"));
            body.validOrThrow();
        }
        Principal caller = Authenticator.principal(ctx);
        switch (peere.manageApiKeys().issue(caller.mode(), owner, label, Actor.of(caller))) {
            case ManageApiKeys.Issue.Issued issued -> {
                Map<String, Object> data = ParticipantJson.apiKey(issued.key());
                // Shown once: the server keeps only its hash.
                data.put("key", issued.secret().reveal());
                ctx.header("Cache-Control", "no-store");
                Envelope.created(ctx, "API key created; store it now, it is not shown again", data);
            }
            case ManageApiKeys.Issue.OwnerNotFound missing -> throw OperatorRoutes.notFound();
        }
    }

    private void list(Context ctx, ParticipantId owner) {
        Principal caller = Authenticator.principal(ctx);
        if (peere.findParticipants().find(caller.mode(), owner).isEmpty()) {
            throw OperatorRoutes.notFound();
        }
        var keys = peere.manageApiKeys().list(caller.mode(), owner).stream()
                .map(ParticipantJson::apiKey)
                .toList();
        Map<String, Object> data = Envelope.object();
        data.put("keys", keys);
        data.put("total", keys.size());
        Envelope.ok(ctx, "API keys retrieved successfully", data);
    }

    private void revoke(Context ctx, ParticipantId owner) {
        String rawKeyId = ctx.pathParam("keyId");
        if (!ParticipantId.isWellFormed(rawKeyId)) {
            throw keyNotFound();
        }
        Principal caller = Authenticator.principal(ctx);
        switch (peere.manageApiKeys().revoke(caller.mode(), owner, new ApiKeyId(rawKeyId), Actor.of(caller))) {
            case ManageApiKeys.Revocation.Revoked revoked ->
                Envelope.ok(ctx, "API key revoked successfully", ParticipantJson.apiKey(revoked.key()));
            case ManageApiKeys.Revocation.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case KEY_NOT_FOUND -> keyNotFound();
                    case ALREADY_REVOKED ->
                        new ApiProblem(ErrorCode.API_KEY_ALREADY_REVOKED, "The API key is already revoked.");
                };
        }
    }

    private static ApiProblem keyNotFound() {
        return new ApiProblem(ErrorCode.API_KEY_NOT_FOUND, "No such API key.");
    }
}
