package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.participant.ChangeMerchant;
import network.peere.core.ports.in.participant.ChangeParticipant;
import network.peere.core.ports.in.participant.RegisterParticipant;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/** The network operator's API: bring banks, providers and merchants on, list, suspend, set a bank's time zone. */
public final class OperatorRoutes {
    private static final Set<String> NAMED = Set.of("name", "email");
    private static final Set<String> BANK_FIELDS = Set.of("name", "email", "timeZone");
    private static final Set<String> MERCHANT_FIELDS = Set.of(
            "name",
            "email",
            "providerId",
            "trusted",
            "trustLevel",
            "deviceLookupEnabled",
            "phone",
            "website",
            "description",
            "country",
            "state",
            "icon");

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public OperatorRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/operator/banks", idempotency.wrap(this::createBank), Access.OPERATOR);
        routes.post("/v1/operator/providers", idempotency.wrap(this::createProvider), Access.OPERATOR);
        routes.post("/v1/operator/merchants", idempotency.wrap(this::createMerchant), Access.OPERATOR);
        routes.get("/v1/operator/participants", this::list, Access.OPERATOR);
        routes.get("/v1/operator/participants/{participantId}", this::get, Access.OPERATOR);
        routes.post(
                "/v1/operator/participants/{participantId}/suspend", idempotency.wrap(this::suspend), Access.OPERATOR);
        routes.post(
                "/v1/operator/participants/{participantId}/reactivate",
                idempotency.wrap(this::reactivate),
                Access.OPERATOR);
        routes.patch("/v1/operator/banks/{bankId}", this::updateBank, Access.OPERATOR);
        routes.patch("/v1/operator/merchants/{merchantId}/trust", this::setMerchantTrust, Access.OPERATOR);
    }

    private void createBank(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String name = body.requiredText("name", Participant.NAME_LENGTH_MAX);
        String email = body.requiredEmail("email");
        ZoneId zone = body.optionalTimeZone("timeZone").orElse(Profile.BankProfile.DEFAULT_TIME_ZONE);
        body.rejectUnknown(BANK_FIELDS);
        body.validOrThrow();
        registered(ctx, "Bank created successfully", name, email, new Profile.BankProfile(zone));
    }

    private void createProvider(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String name = body.requiredText("name", Participant.NAME_LENGTH_MAX);
        String email = body.requiredEmail("email");
        body.rejectUnknown(NAMED);
        body.validOrThrow();
        registered(ctx, "Provider created successfully", name, email, new Profile.ProviderProfile());
    }

    private void createMerchant(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String name = body.requiredText("name", Participant.NAME_LENGTH_MAX);
        String email = body.requiredEmail("email");
        Optional<String> providerId = body.optionalText("providerId", 40);
        var trusted = body.optionalBoolean("trusted").orElse(true);
        var level = body.optionalEnum("trustLevel", TrustLevel.class).orElse(TrustLevel.BASIC);
        var deviceLookup = body.optionalBoolean("deviceLookupEnabled").orElse(true);
        int max = ContactDetails.FIELD_LENGTH_MAX;
        var contact = new ContactDetails(
                body.optionalText("phone", max),
                body.optionalText("website", max),
                body.optionalText("description", max),
                body.optionalText("country", max),
                body.optionalText("state", max),
                body.optionalText("icon", max));
        body.rejectUnknown(MERCHANT_FIELDS);
        body.validOrThrow();
        if (providerId.isPresent() && !ParticipantId.isWellFormed(providerId.get())) {
            throw new ApiProblem(ErrorCode.PROVIDER_NOT_FOUND, "No provider " + providerId.get() + ".");
        }
        var trust = new MerchantTrust(
                trusted ? MerchantTrust.Trusted.TRUSTED : MerchantTrust.Trusted.UNTRUSTED,
                level,
                deviceLookup ? MerchantTrust.DeviceLookup.ENABLED : MerchantTrust.DeviceLookup.DISABLED);
        registered(
                ctx,
                "Merchant created successfully",
                name,
                email,
                new Profile.MerchantProfile(providerId.map(ParticipantId::new), trust, contact));
    }

    private void registered(Context ctx, String message, String name, String email, Profile profile) {
        var mode = Authenticator.principal(ctx).mode();
        switch (peere.registerParticipant()
                .register(new RegisterParticipant.Command(mode, name, email, profile, actor(ctx)))) {
            case RegisterParticipant.Registration.Registered ok ->
                Envelope.created(ctx, message, ParticipantJson.participant(ok.participant()));
            case RegisterParticipant.Registration.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case PROVIDER_NOT_FOUND -> new ApiProblem(ErrorCode.PROVIDER_NOT_FOUND, "No such provider.");
                    case PROVIDER_SUSPENDED ->
                        new ApiProblem(ErrorCode.PROVIDER_SUSPENDED, "The provider is suspended.");
                };
        }
    }

    private void list(Context ctx) {
        var query = new QueryParams(ctx);
        Optional<Role> role = query.optionalEnum("role", Role.class);
        Optional<ParticipantStatus> status = query.optionalEnum("status", ParticipantStatus.class);
        Optional<ParticipantId> providerId = query.optionalId("providerId");
        PageRequest page = query.offsetPage();
        query.validOrThrow();
        Page<Participant> result = peere.findParticipants()
                .list(Authenticator.principal(ctx).mode(), new ParticipantFilter(role, status, providerId), page);
        Map<String, Object> data = Envelope.object();
        data.put(
                "participants",
                result.items().stream().map(ParticipantJson::participant).toList());
        data.put("total", result.total());
        data.put("offset", page.offset());
        data.put("limit", page.limit());
        Envelope.ok(ctx, "Participants retrieved successfully", data);
    }

    private void get(Context ctx) {
        Participant participant = peere.findParticipants()
                .find(Authenticator.principal(ctx).mode(), participantId(ctx, "participantId"))
                .orElseThrow(OperatorRoutes::notFound);
        Envelope.ok(ctx, "Participant retrieved successfully", ParticipantJson.participant(participant));
    }

    private void suspend(Context ctx) {
        changed(
                ctx,
                "Participant suspended successfully",
                peere.changeParticipant()
                        .suspend(Authenticator.principal(ctx).mode(), participantId(ctx, "participantId"), actor(ctx)));
    }

    private void reactivate(Context ctx) {
        changed(
                ctx,
                "Participant reactivated successfully",
                peere.changeParticipant()
                        .reactivate(
                                Authenticator.principal(ctx).mode(), participantId(ctx, "participantId"), actor(ctx)));
    }

    private void updateBank(Context ctx) {
        ParticipantId bankId = participantId(ctx, "bankId");
        var body = JsonFields.parse(ctx, mapper);
        ZoneId zone = body.requiredTimeZone("timeZone");
        body.rejectUnknown(Set.of("timeZone"));
        body.validOrThrow();
        changed(
                ctx,
                "Bank updated successfully",
                peere.changeParticipant()
                        .setBankTimeZone(Authenticator.principal(ctx).mode(), bankId, zone, actor(ctx)));
    }

    /** Any merchant of the mode, direct or a provider's: direct merchants' trust is the operator's to set. */
    private void setMerchantTrust(Context ctx) {
        ParticipantId merchantId = ProviderRoutes.merchantId(ctx.pathParam("merchantId"));
        var body = JsonFields.parse(ctx, mapper);
        ChangeMerchant.TrustChange change = ProviderRoutes.trustChange(body, Set.of());
        ProviderRoutes.changed(
                ctx,
                peere.changeMerchant()
                        .setTrust(
                                Authenticator.principal(ctx).mode(),
                                new ChangeMerchant.Scope.Network(),
                                merchantId,
                                change,
                                actor(ctx)),
                "Merchant trust updated successfully",
                ParticipantJson::merchantTrust);
    }

    private static void changed(Context ctx, String message, ChangeParticipant.Change change) {
        switch (change) {
            case ChangeParticipant.Change.Changed ok ->
                Envelope.ok(ctx, message, ParticipantJson.participant(ok.participant()));
            case ChangeParticipant.Change.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case PARTICIPANT_NOT_FOUND -> notFound();
                    case NOT_A_BANK -> new ApiProblem(ErrorCode.BANK_NOT_FOUND, "No such bank.");
                    case ALREADY_IN_THAT_STATUS ->
                        new ApiProblem(
                                ErrorCode.PARTICIPANT_STATUS_CONFLICT, "The participant is already in that status.");
                    case CONCURRENT_CHANGE ->
                        new ApiProblem(
                                ErrorCode.CONCURRENT_MODIFICATION, "The participant changed concurrently; retry.");
                };
        }
    }

    static Actor actor(Context ctx) {
        return Actor.of(Authenticator.principal(ctx));
    }

    static ParticipantId participantId(Context ctx, String pathParam) {
        String raw = ctx.pathParam(pathParam);
        if (!ParticipantId.isWellFormed(raw)) {
            throw notFound();
        }
        return new ParticipantId(raw);
    }

    static ApiProblem notFound() {
        return new ApiProblem(ErrorCode.PARTICIPANT_NOT_FOUND, "No such participant.");
    }
}
