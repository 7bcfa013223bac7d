package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.FieldError;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * Merchants find customers by e-mail, phone or device; providers do the same for one of their merchants, named by
 * {@code entityId} (decisions.md: merchant calls never carry it).
 */
public final class CustomerLookupRoutes {
    /** Said with every "not found": the person may simply bank somewhere not yet on the network. */
    static final String NOT_ON_NETWORK_HINT =
            "Customers are discoverable only once their bank has brought them onto the Peere network; their bank may"
                    + " not be on the network yet. Try another identity (e-mail, phone) or ask the customer.";

    private final Peere peere;
    private final ObjectMapper mapper;

    public CustomerLookupRoutes(Peere peere, ObjectMapper mapper) {
        this.peere = peere;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/customer/banks", this::byEmailOrPhone, Access.MERCHANT, Access.PROVIDER);
        routes.post("/v1/customer/device/lookup", this::byDevice, Access.MERCHANT, Access.PROVIDER);
    }

    private void byEmailOrPhone(Context ctx) {
        var query = new QueryParams(ctx);
        Optional<String> email = query.optionalText("email");
        Optional<String> phone = query.optionalText("phone");
        if (email.isPresent() == phone.isPresent()) {
            query.refuse("email", "required", "give exactly one of email or phone");
        }
        Principal caller = Authenticator.principal(ctx);
        Optional<ParticipantId> entityId = entity(caller, query.optionalText("entityId"), query::refuse);
        query.validOrThrow();
        var kind = email.isPresent() ? LookUpCustomer.Kind.EMAIL : LookUpCustomer.Kind.PHONE;
        String value = email.or(() -> phone).orElseThrow();
        var banks = found(ctx, lookUp(caller, entityId, kind, value));
        Envelope.ok(ctx, "Customer banks retrieved successfully", Map.of("banks", banks));
    }

    private void byDevice(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String deviceId = body.requiredText("deviceId", DeviceId.LENGTH_MAX);
        Principal caller = Authenticator.principal(ctx);
        Optional<ParticipantId> entityId = Optional.empty();
        if (caller.role() == Role.PROVIDER) {
            entityId = entity(caller, body.optionalText("entityId", 40), body::refuse);
            body.rejectUnknown(Set.of("deviceId", "entityId"));
        } else {
            body.rejectUnknown(Set.of("deviceId"));
        }
        body.validOrThrow();
        var banks = found(ctx, lookUp(caller, entityId, LookUpCustomer.Kind.DEVICE, deviceId));
        Envelope.ok(ctx, "Device lookup successful", banks);
    }

    private interface Refusal {
        void refuse(String field, String code, String message);
    }

    /** A provider must name one of its merchants; a merchant must not name anyone. */
    private static Optional<ParticipantId> entity(Principal caller, Optional<String> raw, Refusal refusal) {
        if (caller.role() == Role.MERCHANT) {
            raw.ifPresent(
                    r -> refusal.refuse("entityId", "unknown_field", "is not used by merchants: your key decides"));
            return Optional.empty();
        }
        if (raw.isEmpty()) {
            refusal.refuse("entityId", "required", "is required: the id of the merchant you act for");
            return Optional.empty();
        }
        if (!ParticipantId.isWellFormed(raw.get())) {
            throw merchantNotFound();
        }
        return Optional.of(new ParticipantId(raw.get()));
    }

    private LookUpCustomer.Lookup lookUp(
            Principal caller, Optional<ParticipantId> entityId, LookUpCustomer.Kind kind, String value) {
        return peere.lookUpCustomer()
                .lookUp(new LookUpCustomer.Query(
                        caller.mode(), caller.participantId(), caller.role(), entityId, kind, value));
    }

    private static List<Map<String, Object>> found(Context ctx, LookUpCustomer.Lookup lookup) {
        return switch (lookup) {
            case LookUpCustomer.Lookup.Found found ->
                found.banks().stream().map(CustomerJson::bank).toList();
            case LookUpCustomer.Lookup.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case INVALID_IDENTITY -> invalidIdentity(ctx);
                    case MERCHANT_NOT_FOUND -> merchantNotFound();
                    case DEVICE_LOOKUP_NOT_ALLOWED ->
                        new ApiProblem(
                                ErrorCode.DEVICE_LOOKUP_NOT_ALLOWED,
                                "Device lookup needs trust level enhanced or above, with device lookup enabled.");
                    case CUSTOMER_NOT_FOUND ->
                        new ApiProblem(
                                ErrorCode.CUSTOMER_NOT_FOUND,
                                ctx.path().endsWith("/device/lookup")
                                        ? "Device not found in system"
                                        : "No bank on the network has a customer with that identity.",
                                List.of(),
                                Map.of("hint", NOT_ON_NETWORK_HINT));
                };
        };
    }

    private static ApiProblem invalidIdentity(Context ctx) {
        if (ctx.path().endsWith("/device/lookup")) {
            return JsonFields.invalid(List.of(new FieldError(
                    "deviceId", "invalid_format", "must be 1-" + DeviceId.LENGTH_MAX + " visible ASCII characters")));
        }
        return ctx.queryParam("email") != null && !ctx.queryParam("email").isBlank()
                ? new ApiProblem(
                        ErrorCode.INVALID_REQUEST,
                        "Invalid email format",
                        List.of(new FieldError("email", "invalid_format", "must be a valid e-mail address")))
                : new ApiProblem(
                        ErrorCode.INVALID_REQUEST,
                        "Invalid phone format",
                        List.of(new FieldError(
                                "phone",
                                "invalid_format",
                                "must be a valid phone number with its country code, e.g. +2348012345678")));
    }

    private static ApiProblem merchantNotFound() {
        return new ApiProblem(ErrorCode.MERCHANT_NOT_FOUND, "No such merchant of yours.");
    }
}
