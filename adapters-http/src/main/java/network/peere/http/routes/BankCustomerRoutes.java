package network.peere.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.DeviceQuery;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.identity.FieldProblem;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.identity.CustomerDraft;
import network.peere.core.ports.in.identity.LinkDevices;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.identity.UpdateCustomer;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.FieldError;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/** A bank's customers and devices: migrate in batches, read, change, link devices. A bank sees only its own. */
public final class BankCustomerRoutes {
    private static final Set<String> DEVICE_FIELDS = Set.of("customerId", "phrase", "deviceId");
    private static final Set<String> CUSTOMER_SORTS = Set.of("createdAt");
    /** The header of {@code GET /v1/bank/customers} that counts every customer the filters match. */
    static final String TOTAL_COUNT = "X-Total-Count";

    private static final String MIGRATED = "Batch processed, customers will reflect shortly";

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public BankCustomerRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/bank/customers", idempotency.wrap(this::migrate), Access.BANK);
        routes.get("/v1/bank/customers/batches/{batchId}", this::batch, Access.BANK);
        routes.get("/v1/bank/customers", this::list, Access.BANK);
        routes.get("/v1/bank/customers/{customerId}", this::byPath, Access.BANK);
        routes.get("/v1/bank/customer", this::one, Access.BANK);
        routes.patch("/v1/bank/customer", this::update, Access.BANK);
        routes.post("/v1/bank/customer/device/link", idempotency.wrap(this::link), Access.BANK);
        routes.post("/v1/bank/customer/device/unlink", this::unlink, Access.BANK);
        routes.get("/v1/bank/devices/list", this::devices, Access.BANK);
    }

    private void migrate(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        Optional<List<JsonNode>> customers = body.requiredArray("customers");
        body.rejectUnknown(Set.of("customers"));
        customers.ifPresent(items -> {
            if (items.isEmpty()) {
                body.refuse(
                        "customers", "out_of_range", "must hold 1-" + MigrateCustomers.BATCH_SIZE_MAX + " customers");
            }
        });
        body.validOrThrow();
        if (customers.get().size() > MigrateCustomers.BATCH_SIZE_MAX) {
            throw tooLarge(customers.get().size());
        }
        List<CustomerDraft> drafts =
                customers.get().stream().map(BankCustomerRoutes::draft).toList();
        Principal caller = Authenticator.principal(ctx);
        var command =
                new MigrateCustomers.Command(caller.mode(), caller.participantId(), drafts, OperatorRoutes.actor(ctx));
        switch (peere.migrateCustomers().migrate(command)) {
            // The public docs' message, kept for clients that match on it, although the batch is already processed.
            case MigrateCustomers.Migration.Processed processed ->
                Envelope.created(ctx, MIGRATED, CustomerJson.batch(processed.batch()));
            case MigrateCustomers.Migration.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case BANK_NOT_FOUND -> new IllegalStateException("an authenticated bank exists");
                    case BATCH_EMPTY ->
                        JsonFields.invalid(List.of(new FieldError(
                                "customers",
                                "out_of_range",
                                "must hold 1-" + MigrateCustomers.BATCH_SIZE_MAX + " customers")));
                    case BATCH_TOO_LARGE -> tooLarge(drafts.size());
                };
        }
    }

    private static ApiProblem tooLarge(int size) {
        return new ApiProblem(
                ErrorCode.BATCH_TOO_LARGE,
                "A batch holds at most " + MigrateCustomers.BATCH_SIZE_MAX + " customers; this one has " + size
                        + ". Split it; nothing was written.");
    }

    /** One item as raw text per field; wrong types and unknown fields become the item's own problems. */
    private static CustomerDraft draft(JsonNode item) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        if (!item.isObject()) {
            problems.add(new FieldProblem("customer", "invalid_type", "must be an object"));
            return new CustomerDraft(values, problems);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!CustomerDraft.FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "unknown_field", "is not a field of a customer"));
            } else if (value.isTextual()) {
                values.put(name, value.textValue());
            } else if (!value.isNull()) {
                problems.add(new FieldProblem(name, "invalid_type", "must be a string"));
            }
        }
        return new CustomerDraft(values, problems);
    }

    private void batch(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        var batch = peere.migrateCustomers()
                .batch(caller.mode(), caller.participantId(), ctx.pathParam("batchId"))
                .orElseThrow(() -> new ApiProblem(ErrorCode.BATCH_NOT_FOUND, "No such batch."));
        Envelope.ok(ctx, "Batch retrieved successfully", CustomerJson.batch(batch));
    }

    private void byPath(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        Customer customer = customerId(ctx.pathParam("customerId"))
                .flatMap(id -> peere.findBankCustomers().find(caller.mode(), caller.participantId(), id))
                .orElseThrow(BankCustomerRoutes::customerNotFound);
        Envelope.ok(ctx, "Customer retrieved successfully", CustomerJson.customer(customer));
    }

    private void one(Context ctx) {
        var query = new QueryParams(ctx);
        Optional<String> id = query.optionalText("id");
        Optional<String> email = query.optionalText("email");
        Optional<String> phrase = query.optionalText("phrase");
        long given = java.util.stream.Stream.of(id, email, phrase)
                .filter(Optional::isPresent)
                .count();
        if (given != 1) {
            query.refuse("id", "required", "give exactly one of id, email or phrase");
        }
        Optional<Email> parsedEmail = email.flatMap(Email::parse);
        if (email.isPresent() && parsedEmail.isEmpty()) {
            query.refuse("email", "invalid_format", "must be a valid e-mail address");
        }
        query.validOrThrow();
        Principal caller = Authenticator.principal(ctx);
        var customers = peere.findBankCustomers();
        Optional<Customer> found = id.isPresent()
                ? customerId(id.get()).flatMap(c -> customers.find(caller.mode(), caller.participantId(), c))
                : parsedEmail.isPresent()
                        ? customers.findByEmail(caller.mode(), caller.participantId(), parsedEmail.get())
                        : customers.findByPhrase(caller.mode(), caller.participantId(), phrase.orElseThrow());
        Envelope.ok(
                ctx,
                "Customer retrieved successfully",
                CustomerJson.customer(found.orElseThrow(BankCustomerRoutes::customerNotFound)));
    }

    private void list(Context ctx) {
        var query = new QueryParams(ctx);
        List<CustomerId> ids = new ArrayList<>();
        for (String raw : query.list("ids", CustomerFilter.IDS_MAX)) {
            if (CustomerId.isWellFormed(raw)) {
                ids.add(new CustomerId(raw));
            } else {
                query.refuse("ids", "invalid_format", "holds an id that is not well-formed");
            }
        }
        List<String> phrases = query.list("phrases", CustomerFilter.IDS_MAX);
        Optional<String> rawEmail = query.optionalText("email");
        Optional<Email> email = rawEmail.flatMap(Email::parse);
        if (rawEmail.isPresent() && email.isEmpty()) {
            query.refuse("email", "invalid_format", "must be a valid e-mail address");
        }
        Optional<String> reference = query.optionalText("reference");
        Optional<String> clientRef = query.optionalText("clientRef");
        query.optionalText("sortBy")
                .filter(s -> !CUSTOMER_SORTS.contains(s))
                .ifPresent(s -> query.refuse("sortBy", "invalid_value", "must be createdAt (newest first)"));
        PageRequest page = query.numberedPage();
        query.validOrThrow();
        Principal caller = Authenticator.principal(ctx);
        Page<Customer> result = peere.findBankCustomers()
                .list(
                        caller.mode(),
                        caller.participantId(),
                        new CustomerFilter(ids, phrases, email, reference, clientRef),
                        page);
        // The public docs answer this route with a bare array of customers, and existing clients parse it so
        // (decisions.md keeps such quirks); the count of every match, which an array cannot carry, is a header.
        ctx.header(TOTAL_COUNT, Long.toString(result.total()));
        ctx.status(200).json(result.items().stream().map(CustomerJson::customer).toList());
    }

    private void update(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String id = body.requiredText("id", 40);
        Map<String, String> changes = new HashMap<>();
        for (String field : CustomerDraft.CHANGEABLE) {
            body.optionalRawText(field).ifPresent(value -> changes.put(field, value));
        }
        Set<String> known = new java.util.HashSet<>(CustomerDraft.CHANGEABLE);
        known.add("id");
        body.rejectUnknown(known);
        if (changes.isEmpty() && id != null) {
            body.refuse("id", "required", "name at least one field to change besides id");
        }
        body.validOrThrow();
        Principal caller = Authenticator.principal(ctx);
        CustomerId customerId = customerId(id).orElseThrow(BankCustomerRoutes::customerNotFound);
        var command = new UpdateCustomer.Command(
                caller.mode(),
                caller.participantId(),
                customerId,
                CustomerDraft.of(changes),
                OperatorRoutes.actor(ctx));
        switch (peere.updateCustomer().update(command)) {
            case UpdateCustomer.Update.Updated updated ->
                Envelope.ok(ctx, "Customer updated successfully", CustomerJson.customer(updated.customer()));
            case UpdateCustomer.Update.Invalid invalid ->
                throw JsonFields.invalid(invalid.problems().stream()
                        .map(p -> new FieldError(p.field(), p.code(), p.message()))
                        .toList());
            case UpdateCustomer.Update.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case CUSTOMER_NOT_FOUND -> customerNotFound();
                    case CONCURRENT_CHANGE ->
                        new ApiProblem(ErrorCode.CONCURRENT_MODIFICATION, "The customer changed concurrently; retry.");
                };
        }
    }

    private void link(Context ctx) {
        var outcome = peere.linkDevices().link(deviceCommand(ctx));
        answer(ctx, outcome, "Device linked successfully");
    }

    private void unlink(Context ctx) {
        var outcome = peere.linkDevices().unlink(deviceCommand(ctx));
        answer(ctx, outcome, "Device unlinked successfully");
    }

    private LinkDevices.Command deviceCommand(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String customerId = body.requiredText("customerId", 40);
        String phrase = body.requiredText("phrase", 200);
        String deviceId = body.requiredText("deviceId", DeviceId.LENGTH_MAX);
        if (deviceId != null && !DeviceId.isWellFormed(deviceId)) {
            body.refuse("deviceId", "invalid_format", "must be 1-" + DeviceId.LENGTH_MAX + " visible ASCII characters");
        }
        body.rejectUnknown(DEVICE_FIELDS);
        body.validOrThrow();
        Principal caller = Authenticator.principal(ctx);
        return new LinkDevices.Command(
                caller.mode(),
                caller.participantId(),
                customerId(customerId).orElseThrow(BankCustomerRoutes::customerNotFound),
                phrase,
                new DeviceId(deviceId));
    }

    private static void answer(Context ctx, LinkDevices.Linking outcome, String message) {
        switch (outcome) {
            case LinkDevices.Linking.Done done -> {
                Map<String, Object> data = Envelope.object();
                data.put("deviceId", done.device().deviceId().value());
                data.put("customerId", done.device().customerId().value());
                data.put("linkedAt", done.device().linkedAt());
                Envelope.ok(ctx, message, data);
            }
            case LinkDevices.Linking.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case CUSTOMER_NOT_FOUND -> customerNotFound();
                    case DEVICE_NOT_FOUND ->
                        new ApiProblem(ErrorCode.DEVICE_NOT_FOUND, "That device is not linked to that customer.");
                    case DEVICE_LINKED_TO_ANOTHER_CUSTOMER ->
                        new ApiProblem(
                                ErrorCode.DEVICE_ALREADY_LINKED,
                                "That device is linked to another of your customers; unlink it there first.");
                    case TOO_MANY_DEVICES ->
                        new ApiProblem(
                                ErrorCode.TOO_MANY_DEVICES,
                                "A customer may have at most " + Device.PER_CUSTOMER_MAX + " devices.");
                };
        }
    }

    private void devices(Context ctx) {
        var query = new QueryParams(ctx);
        Optional<String> search = query.optionalText("search");
        search.filter(s -> s.length() > DeviceQuery.SEARCH_LENGTH_MAX)
                .ifPresent(s -> query.refuse(
                        "search", "too_long", "must be at most " + DeviceQuery.SEARCH_LENGTH_MAX + " characters"));
        var sortBy = query.optionalText("sortBy")
                .map(s -> switch (s) {
                    case "linkedAt" -> DeviceQuery.SortBy.LINKED_AT;
                    case "deviceId" -> DeviceQuery.SortBy.DEVICE_ID;
                    default -> {
                        query.refuse("sortBy", "invalid_value", "must be linkedAt or deviceId");
                        yield DeviceQuery.SortBy.LINKED_AT;
                    }
                })
                .orElse(DeviceQuery.SortBy.LINKED_AT);
        var order = query.optionalEnum("sortOrder", DeviceQuery.SortOrder.class).orElse(DeviceQuery.SortOrder.DESC);
        PageRequest page = query.numberedPage();
        query.validOrThrow();
        Principal caller = Authenticator.principal(ctx);
        Page<Device.Listed> result = peere.linkDevices()
                .list(caller.mode(), caller.participantId(), new DeviceQuery(search, sortBy, order), page);
        Map<String, Object> data = Envelope.object();
        data.put("devices", result.items().stream().map(CustomerJson::device).toList());
        data.put("total", result.total());
        data.put("page", page.offset() / page.limit() + 1);
        data.put("limit", page.limit());
        Envelope.ok(ctx, "Devices retrieved successfully", data);
    }

    private static Optional<CustomerId> customerId(String raw) {
        return CustomerId.isWellFormed(raw) ? Optional.of(new CustomerId(raw)) : Optional.empty();
    }

    static ApiProblem customerNotFound() {
        return new ApiProblem(ErrorCode.CUSTOMER_NOT_FOUND, "No such customer at your bank.");
    }
}
