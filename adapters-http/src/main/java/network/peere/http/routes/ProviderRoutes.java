package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.BusinessDetails;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantFilter;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.participant.policy.Capability;
import network.peere.core.domain.participant.policy.DenialReason;
import network.peere.core.domain.participant.policy.MerchantPolicy;
import network.peere.core.domain.participant.policy.Permission;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.participant.ChangeMerchant;
import network.peere.core.ports.in.participant.OnboardMerchants;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.FieldError;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * The provider's API (P1-P9 of the public docs): onboard merchants, read and edit them, set and check their trust.
 * Every call names one of the caller's own merchants by {@code entityId}; another provider's merchant, a direct
 * merchant and an unknown id all answer 404 {@code merchant_not_found}, so nothing about others leaks.
 */
public final class ProviderRoutes {
    /** A merchant's editable profile; onboarding adds the provider's {@code ref}, an edit names the merchant. */
    private static final Set<String> PROFILE_FIELDS = Set.of(
            "name",
            "email",
            "phone",
            "address",
            "website",
            "description",
            "icon",
            "registrationNumber",
            "industry",
            "country",
            "state");

    private static final Set<String> ITEM_FIELDS = plus(PROFILE_FIELDS, "ref");
    private static final Set<String> UPDATE_FIELDS = plus(PROFILE_FIELDS, "entityId");
    private static final Set<String> TRUST_FIELDS = Set.of("trusted", "trustLevel", "deviceLookupEnabled");

    private final Peere peere;
    private final ObjectMapper mapper;

    private final Idempotency idempotency;

    public ProviderRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.peere = peere;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/provider/merchants", idempotency.wrap(this::createMerchants), Access.PROVIDER);
        routes.get("/v1/provider/merchants", this::listMerchants, Access.PROVIDER);
        routes.get("/v1/provider/merchant", this::getMerchant, Access.PROVIDER);
        routes.patch("/v1/provider/merchant", this::updateMerchant, Access.PROVIDER);
        routes.patch("/v1/provider/merchant/trust", this::setTrust, Access.PROVIDER);
        routes.get("/v1/provider/merchant/trust", this::getTrust, Access.PROVIDER);
        routes.get("/v1/provider/merchant/trust/multiple", this::listTrust, Access.PROVIDER);
        routes.get("/v1/provider/merchant/trust/device-permission", this::devicePermission, Access.PROVIDER);
        routes.post("/v1/provider/merchant/trust/validate", this::validateTrust, Access.PROVIDER);
    }

    // P3: batch create

    /** A complete answer, computed before anything is written to the response, so it can be stored and replayed. */
    record Answer(int status, Map<String, Object> body) {}

    private void createMerchants(Context ctx) {
        Answer answer = onboard(Authenticator.principal(ctx), JsonFields.parse(ctx, mapper));
        ctx.status(answer.status()).json(answer.body());
    }

    /** One element of the batch: refused at the edge with its field errors, or handed to the core. */
    private sealed interface Item {
        record Invalid(List<FieldError> errors) implements Item {}

        record Valid(OnboardMerchants.NewMerchant merchant) implements Item {}
    }

    Answer onboard(Principal caller, JsonFields body) {
        List<JsonFields> elements = body.objectArray("merchants", 1, OnboardMerchants.MERCHANTS_PER_BATCH_MAX);
        body.rejectUnknown(Set.of("merchants"));
        body.validOrThrow();
        List<Item> items = elements.stream().map(ProviderRoutes::item).toList();
        List<OnboardMerchants.NewMerchant> valid = items.stream()
                .filter(Item.Valid.class::isInstance)
                .map(i -> ((Item.Valid) i).merchant())
                .toList();
        List<OnboardMerchants.Outcome> outcomes = valid.isEmpty() ? List.of() : onboardValid(caller, valid);

        List<Map<String, Object>> results = new ArrayList<>();
        int created = 0;
        int duplicates = 0;
        int invalid = 0;
        int next = 0;
        for (int index = 0; index < items.size(); index++) {
            switch (items.get(index)) {
                case Item.Invalid bad -> {
                    results.add(invalidResult(index, bad.errors()));
                    invalid++;
                }
                case Item.Valid ok -> {
                    switch (outcomes.get(next++)) {
                        case OnboardMerchants.Outcome.Created done -> {
                            results.add(createdResult(index, done.merchant()));
                            created++;
                        }
                        case OnboardMerchants.Outcome.Duplicate duplicate -> {
                            results.add(duplicateResult(index, duplicate));
                            duplicates++;
                        }
                    }
                }
            }
        }
        int failed = duplicates + invalid;
        Map<String, Object> summary = Envelope.object();
        summary.put("total", items.size());
        summary.put("successful", created);
        summary.put("failed", failed);
        summary.put("duplicates", duplicates);
        summary.put("invalidData", invalid);
        Map<String, Object> data = Envelope.object();
        data.put("results", results);
        data.put("summary", summary);
        int status = failed == 0 ? 201 : 207;
        // success means "every merchant was created"; a 207 tells the client to read the per-item results.
        String message = failed == 0
                ? "Merchants created successfully"
                : created + " of " + items.size() + " merchants created; see results";
        return new Answer(status, Envelope.body(status, failed == 0, message, data));
    }

    private List<OnboardMerchants.Outcome> onboardValid(Principal caller, List<OnboardMerchants.NewMerchant> valid) {
        var command = new OnboardMerchants.Command(caller.mode(), caller.participantId(), valid, Actor.of(caller));
        return switch (peere.onboardMerchants().onboard(command)) {
            case OnboardMerchants.Onboarding.Processed processed -> processed.outcomes();
            case OnboardMerchants.Onboarding.Rejected rejected ->
                throw switch (rejected.reason()) {
                    // The key authenticated as an active provider a moment ago; these are races, not input errors.
                    case PROVIDER_NOT_FOUND -> new ApiProblem(ErrorCode.PROVIDER_NOT_FOUND, "No such provider.");
                    case PROVIDER_SUSPENDED ->
                        new ApiProblem(ErrorCode.PARTICIPANT_SUSPENDED, "This participant is suspended.");
                };
        };
    }

    private static Item item(JsonFields element) {
        String name = element.requiredText("name", Participant.NAME_LENGTH_MAX);
        String email = element.requiredEmail("email");
        Optional<String> ref = element.optionalText("ref", Profile.MerchantProfile.REF_LENGTH_MAX);
        ContactDetails contact = contact(element);
        BusinessDetails business = business(element);
        element.rejectUnknown(ITEM_FIELDS);
        if (!element.isValid()) {
            return new Item.Invalid(element.errors());
        }
        return new Item.Valid(new OnboardMerchants.NewMerchant(name, email, ref, contact, business));
    }

    private static Map<String, Object> createdResult(int index, Participant merchant) {
        Map<String, Object> created = Envelope.object();
        created.put("id", merchant.id().value());
        created.put("ref", ((Profile.MerchantProfile) merchant.profile()).ref().orElse(null));
        created.put("name", merchant.name());
        created.put("email", merchant.email());
        created.putAll(ParticipantJson.trustSettings(((Profile.MerchantProfile) merchant.profile()).trust()));
        created.put("createdAt", merchant.createdAt().toString());
        Map<String, Object> result = result(index, "created", 201, "Merchant created");
        result.put("data", created);
        return result;
    }

    private static Map<String, Object> invalidResult(int index, List<FieldError> errors) {
        Map<String, Object> result = result(index, "invalid", 400, "Invalid merchant data");
        result.put("code", ErrorCode.INVALID_REQUEST.wire());
        result.put(
                "errors",
                errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        result.put("fieldErrors", errors.stream().map(FieldError::asJson).toList());
        return result;
    }

    private static Map<String, Object> duplicateResult(int index, OnboardMerchants.Outcome.Duplicate duplicate) {
        String message = switch (duplicate.reason()) {
            case SAME_REF -> "You already have a merchant with this ref";
            case SAME_EMAIL -> "You already have a merchant with this email";
        };
        Map<String, Object> result = result(index, "duplicate", 409, message);
        result.put("code", ErrorCode.DUPLICATE_MERCHANT.wire());
        result.put("existingMerchantId", duplicate.existing().value());
        return result;
    }

    private static Map<String, Object> result(int index, String status, int statusCode, String message) {
        Map<String, Object> result = Envelope.object();
        result.put("index", index);
        result.put("status", status);
        result.put("statusCode", statusCode);
        result.put("success", statusCode < 300);
        result.put("message", message);
        return result;
    }

    // P1, P2: read

    private void getMerchant(Context ctx) {
        Participant merchant = ownMerchant(ctx, entityIdQuery(ctx));
        Envelope.ok(ctx, "Merchant retrieved successfully", ParticipantJson.providerMerchant(merchant));
    }

    private void listMerchants(Context ctx) {
        var query = new QueryParams(ctx);
        Set<ParticipantId> ids = query.ids("ids", MerchantFilter.IDS_MAX);
        Optional<MerchantTrust.Trusted> trusted =
                query.optionalBoolean("trusted").map(ProviderRoutes::trusted);
        PageRequest page = query.offsetPage();
        query.validOrThrow();
        Page<Participant> result =
                list(ctx, new MerchantFilter(ids, trusted, Optional.empty(), Optional.empty()), page);
        answerMerchants(ctx, result, ParticipantJson::merchantSummary);
    }

    /** Both merchant lists answer {@code data {merchants, total}}; they differ only in what each merchant shows. */
    private static void answerMerchants(
            Context ctx, Page<Participant> result, java.util.function.Function<Participant, Map<String, Object>> view) {
        Map<String, Object> data = Envelope.object();
        data.put("merchants", result.items().stream().map(view).toList());
        data.put("total", result.total());
        Envelope.ok(ctx, "Merchants retrieved successfully", data);
    }

    // P4: edit

    private void updateMerchant(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String entityId = body.requiredText("entityId", 100);
        Optional<String> name = body.optionalText("name", Participant.NAME_LENGTH_MAX);
        Optional<String> email =
                body.optionalText("email", Participant.EMAIL_LENGTH_MAX).isPresent()
                        ? Optional.ofNullable(body.requiredEmail("email"))
                        : Optional.empty();
        ContactDetails contact = contact(body);
        BusinessDetails business = business(body);
        body.rejectUnknown(UPDATE_FIELDS);
        boolean nothingToChange = name.isEmpty()
                && email.isEmpty()
                && contact.equals(ContactDetails.none())
                && business.equals(BusinessDetails.none());
        if (body.isValid() && nothingToChange) {
            body.refuse("name", "required", "give at least one field to change besides entityId");
        }
        body.validOrThrow();
        Principal caller = Authenticator.principal(ctx);
        var change = new ChangeMerchant.DetailsChange(name, email, contact, business);
        changed(
                ctx,
                peere.changeMerchant()
                        .updateDetails(
                                caller.mode(),
                                new ChangeMerchant.Scope.OfProvider(caller.participantId()),
                                merchantId(entityId),
                                change,
                                Actor.of(caller)),
                "Merchant updated successfully",
                ParticipantJson::providerMerchant);
    }

    // P5-P9: trust

    private void setTrust(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String entityId = body.requiredText("entityId", 100);
        ChangeMerchant.TrustChange change = trustChange(body, Set.of("entityId"));
        Principal caller = Authenticator.principal(ctx);
        changed(
                ctx,
                peere.changeMerchant()
                        .setTrust(
                                caller.mode(),
                                new ChangeMerchant.Scope.OfProvider(caller.participantId()),
                                merchantId(entityId),
                                change,
                                Actor.of(caller)),
                "Merchant trust updated successfully",
                merchant -> ParticipantJson.trustSettings(((Profile.MerchantProfile) merchant.profile()).trust()));
    }

    private void getTrust(Context ctx) {
        Participant merchant = ownMerchant(ctx, entityIdQuery(ctx));
        Envelope.ok(ctx, "Merchant trust retrieved successfully", ParticipantJson.merchantTrust(merchant));
    }

    private void listTrust(Context ctx) {
        var query = new QueryParams(ctx);
        var filter = new MerchantFilter(
                Set.of(),
                query.optionalBoolean("trusted").map(ProviderRoutes::trusted),
                query.optionalEnum("trustLevel", TrustLevel.class),
                query.optionalBoolean("deviceLookupEnabled").map(ProviderRoutes::deviceLookup));
        PageRequest page = query.offsetPage();
        query.validOrThrow();
        answerMerchants(ctx, list(ctx, filter, page), ParticipantJson::merchantTrust);
    }

    /** P8 keeps its documented shape: no {@code success}, no {@code data}. */
    private void devicePermission(Context ctx) {
        Participant merchant = ownMerchant(ctx, entityIdQuery(ctx));
        String reason = switch (MerchantPolicy.check(merchant, Capability.LOOK_UP_BY_DEVICE)) {
            case Permission.Allowed allowed -> "allowed";
            case Permission.Denied denied -> denialCode(denied.reason()).wire();
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", 200);
        body.put("message", "Device permission checked successfully");
        body.put("allowed", reason.equals("allowed"));
        body.put("reason", reason);
        body.put("trustStatus", ParticipantJson.trustStatus(merchant));
        ctx.status(200).json(body);
    }

    private void validateTrust(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String entityId = body.requiredText("entityId", 100);
        Optional<TrustLevel> required = body.optionalEnum("requiredTrustLevel", TrustLevel.class);
        if (required.isEmpty()
                && body.errors().stream().noneMatch(e -> e.field().equals("requiredTrustLevel"))) {
            body.refuse("requiredTrustLevel", "required", "is required");
        }
        body.rejectUnknown(Set.of("entityId", "requiredTrustLevel"));
        body.validOrThrow();
        Participant merchant = ownMerchant(ctx, merchantId(entityId));
        TrustLevel current =
                ((Profile.MerchantProfile) merchant.profile()).trust().level();
        Map<String, Object> data = Envelope.object();
        data.put("currentTrustLevel", WireEnums.wireName(current));
        data.put("valid", current.atLeast(required.orElseThrow()));
        Envelope.ok(ctx, "Trust level validated successfully", data);
    }

    /** Each denial's wire code, once: the same codes later answer intents, bills and lookups with 403. */
    static ErrorCode denialCode(DenialReason reason) {
        return switch (reason) {
            case MERCHANT_SUSPENDED -> ErrorCode.MERCHANT_SUSPENDED;
            case MERCHANT_NOT_TRUSTED -> ErrorCode.MERCHANT_NOT_TRUSTED;
            case TRUST_LEVEL_TOO_LOW -> ErrorCode.TRUST_LEVEL_TOO_LOW;
            case DEVICE_LOOKUP_DISABLED -> ErrorCode.DEVICE_LOOKUP_NOT_ALLOWED;
        };
    }

    /** The trust members of a body; at least one of them. Shared with the operator's trust route. */
    static ChangeMerchant.TrustChange trustChange(JsonFields body, Set<String> otherFields) {
        Optional<MerchantTrust.Trusted> trusted =
                body.optionalBoolean("trusted").map(ProviderRoutes::trusted);
        Optional<TrustLevel> level = body.optionalEnum("trustLevel", TrustLevel.class);
        Optional<MerchantTrust.DeviceLookup> deviceLookup =
                body.optionalBoolean("deviceLookupEnabled").map(ProviderRoutes::deviceLookup);
        var known = new java.util.HashSet<>(TRUST_FIELDS);
        known.addAll(otherFields);
        body.rejectUnknown(known);
        if (body.isValid() && trusted.isEmpty() && level.isEmpty() && deviceLookup.isEmpty()) {
            body.refuse("trusted", "required", "give at least one of trusted, trustLevel, deviceLookupEnabled");
        }
        body.validOrThrow();
        return new ChangeMerchant.TrustChange(trusted, level, deviceLookup);
    }

    static void changed(
            Context ctx,
            ChangeMerchant.Change change,
            String message,
            java.util.function.Function<Participant, Map<String, Object>> json) {
        switch (change) {
            case ChangeMerchant.Change.Changed ok -> Envelope.ok(ctx, message, json.apply(ok.merchant()));
            case ChangeMerchant.Change.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case MERCHANT_NOT_FOUND -> merchantNotFound();
                    case CONCURRENT_CHANGE ->
                        new ApiProblem(ErrorCode.CONCURRENT_MODIFICATION, "The merchant changed concurrently; retry.");
                };
        }
    }

    static ApiProblem merchantNotFound() {
        return new ApiProblem(ErrorCode.MERCHANT_NOT_FOUND, "No such merchant.");
    }

    /** A malformed id cannot name anyone's merchant: the same 404 as an unknown one. */
    static ParticipantId merchantId(String raw) {
        if (!ParticipantId.isWellFormed(raw)) {
            throw merchantNotFound();
        }
        return new ParticipantId(raw);
    }

    private Participant ownMerchant(Context ctx, ParticipantId merchantId) {
        Principal caller = Authenticator.principal(ctx);
        return peere.findProviderMerchants()
                .find(caller.mode(), caller.participantId(), merchantId)
                .orElseThrow(ProviderRoutes::merchantNotFound);
    }

    private Page<Participant> list(Context ctx, MerchantFilter filter, PageRequest page) {
        Principal caller = Authenticator.principal(ctx);
        return peere.findProviderMerchants().list(caller.mode(), caller.participantId(), filter, page);
    }

    private static ParticipantId entityIdQuery(Context ctx) {
        var query = new QueryParams(ctx);
        Optional<String> entityId = query.requiredText("entityId");
        query.validOrThrow();
        return merchantId(entityId.orElseThrow());
    }

    private static ContactDetails contact(JsonFields body) {
        int max = ContactDetails.FIELD_LENGTH_MAX;
        return new ContactDetails(
                body.optionalText("phone", max),
                body.optionalText("website", max),
                body.optionalText("description", max),
                body.optionalText("country", max),
                body.optionalText("state", max),
                body.optionalText("icon", max));
    }

    private static BusinessDetails business(JsonFields body) {
        int max = BusinessDetails.FIELD_LENGTH_MAX;
        return new BusinessDetails(
                body.optionalText("address", max),
                body.optionalText("registrationNumber", max),
                body.optionalText("industry", max));
    }

    private static MerchantTrust.Trusted trusted(boolean trusted) {
        return trusted ? MerchantTrust.Trusted.TRUSTED : MerchantTrust.Trusted.UNTRUSTED;
    }

    private static MerchantTrust.DeviceLookup deviceLookup(boolean enabled) {
        return enabled ? MerchantTrust.DeviceLookup.ENABLED : MerchantTrust.DeviceLookup.DISABLED;
    }

    private static Set<String> plus(Set<String> fields, String extra) {
        var all = new java.util.HashSet<>(fields);
        all.add(extra);
        return Set.copyOf(all);
    }
}
