package network.peere.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.recurring.Cadence;
import network.peere.core.domain.recurring.Frequency;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.recurring.ManageSchedules;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * Recurring schedules (public docs M7–M11, and cancel): created on an {@code approve_recurring} agreement, listed
 * with {@code skip}+{@code limit}, read with their runs, paused, resumed and cancelled. Merchants call them with their
 * key; providers add {@code entityId} (body on create, query on the list).
 */
public final class RecurringRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of(
            "customerId",
            "agreementPhrase",
            "amount",
            "currency",
            "frequency",
            "interval",
            "startDate",
            "description",
            "noticeOffsets",
            "retries",
            "metadata",
            "maxBillings",
            "endDate");
    private static final Set<String> CHANGE_FIELDS = Set.of("reason");

    /** Reads stored metadata back as JSON (numbers exact); it writes nothing. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public RecurringRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/billing/recurring/create", idempotency.wrap(this::create), Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/recurring", this::list, Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/recurring/{scheduleId}", this::get, Access.MERCHANT, Access.PROVIDER);
        routes.post(
                "/v1/recurring/{scheduleId}/pause", idempotency.wrap(this::pause), Access.MERCHANT, Access.PROVIDER);
        routes.post(
                "/v1/recurring/{scheduleId}/resume", idempotency.wrap(this::resume), Access.MERCHANT, Access.PROVIDER);
        routes.post(
                "/v1/recurring/{scheduleId}/cancel", idempotency.wrap(this::cancel), Access.MERCHANT, Access.PROVIDER);
    }

    private void create(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        Optional<String> entityId = BillingJson.entityIdMember(body, principal);
        String customerId = body.requiredText("customerId", BillingJson.ID_LENGTH_MAX);
        String phrase = body.requiredText("agreementPhrase", BillingJson.PHRASE_LENGTH_MAX);
        Optional<BigDecimal> amount = body.requiredDecimal("amount");
        Optional<Currency> currency =
                body.has("currency") ? Optional.ofNullable(BillingJson.currency(body)) : Optional.empty();
        Frequency frequency = body.optionalEnum("frequency", Frequency.class).orElse(Frequency.MONTHLY);
        long interval = body.has("interval")
                ? body.requiredInteger("interval", 1, Cadence.INTERVAL_MAX).orElse(1L)
                : 1L;
        ManageSchedules.Start start = start(body);
        Optional<String> description = body.optionalText("description", Schedule.DESCRIPTION_LENGTH_MAX);
        List<Integer> offsets = noticeOffsets(body);
        long retries = body.has("retries")
                ? body.requiredInteger("retries", 0, Schedule.RETRIES_MAX).orElse(0L)
                : 0L;
        Optional<Metadata> metadata = BillingJson.metadata(body, mapper);
        ManageSchedules.Ends ends = ends(body);
        body.rejectUnknown(BillingRoutes.known(CREATE_FIELDS, principal));
        body.validOrThrow();
        var command = new ManageSchedules.Create(
                BillingJson.caller(principal, entityId),
                customerId,
                phrase,
                amount.orElseThrow(),
                currency,
                description,
                new Cadence(frequency, (int) interval),
                start,
                offsets,
                (int) retries,
                metadata,
                ends);
        Schedule schedule = BillingJson.orThrow(peere.manageSchedules().create(command));
        Envelope.created(ctx, "Recurring schedule created successfully", summary(schedule));
    }

    /** {@code startDate}: absent means now. */
    private static ManageSchedules.Start start(JsonFields body) {
        return dateOrInstant(body, "startDate").orElse(new ManageSchedules.Start.Now());
    }

    /**
     * M7's {@code maxBillings} and {@code endDate}. Only their form is checked here: a whole number and a date or
     * date-time; the core refuses a count outside its range or an end before the first billing ({@code invalid_end}).
     */
    private static ManageSchedules.Ends ends(JsonFields body) {
        Optional<Long> maxBillings = body.has("maxBillings")
                ? body.requiredInteger("maxBillings", Long.MIN_VALUE, Long.MAX_VALUE)
                : Optional.empty();
        return new ManageSchedules.Ends(maxBillings, dateOrInstant(body, "endDate"));
    }

    /** A date ({@code 2024-02-01}, that day in the bank's zone) or a date-time with offset; empty when absent. */
    private static Optional<ManageSchedules.Start> dateOrInstant(JsonFields body, String field) {
        Optional<String> raw = body.optionalText(field, 40);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ManageSchedules.Start.OnDate(LocalDate.parse(raw.get())));
        } catch (DateTimeParseException notADate) {
            try {
                return Optional.of(new ManageSchedules.Start.At(
                        OffsetDateTime.parse(raw.get()).toInstant()));
            } catch (DateTimeParseException notADateTime) {
                body.refuse(field, "invalid_format", "must be a date (2024-02-01) or an ISO-8601 date-time");
                return Optional.empty();
            }
        }
    }

    /** Whole days before each period: 1-30, at most 5; absent means the default 3 days, {@code []} none. */
    private static List<Integer> noticeOffsets(JsonFields body) {
        if (!body.has("noticeOffsets")) {
            return Schedule.DEFAULT_NOTICE_OFFSETS;
        }
        Optional<List<JsonNode>> items = body.requiredArray("noticeOffsets");
        if (items.isEmpty()) {
            return List.of();
        }
        List<Integer> days = new ArrayList<>();
        for (JsonNode item : items.get()) {
            if (!item.canConvertToInt()
                    || !item.isIntegralNumber()
                    || item.intValue() < 1
                    || item.intValue() > Schedule.NOTICE_OFFSET_DAYS_MAX) {
                body.refuse(
                        "noticeOffsets",
                        "out_of_range",
                        "must be whole days from 1 to " + Schedule.NOTICE_OFFSET_DAYS_MAX);
                return List.of();
            }
            days.add(item.intValue());
        }
        if (days.stream().distinct().count() > Schedule.NOTICE_OFFSETS_MAX) {
            body.refuse(
                    "noticeOffsets", "out_of_range", "must hold at most " + Schedule.NOTICE_OFFSETS_MAX + " offsets");
            return List.of();
        }
        return days;
    }

    private void list(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        Optional<String> customerId = query.optionalText("customerId");
        Optional<ScheduleStatus> status = query.optionalEnum("status", ScheduleStatus.class);
        PageRequest page = query.skipPage();
        query.validOrThrow();
        Page<Schedule> result = BillingJson.orThrow(peere.manageSchedules()
                .list(BillingJson.caller(principal, entityId), new ManageSchedules.Query(customerId, status), page));
        Map<String, Object> data = Envelope.object();
        data.put(
                "schedules",
                result.items().stream().map(RecurringRoutes::summary).toList());
        data.put("total", result.total());
        Envelope.ok(ctx, "Recurring schedules retrieved successfully", data);
    }

    private void get(Context ctx) {
        Caller caller = Caller.of(Authenticator.principal(ctx));
        ManageSchedules.Detail detail =
                BillingJson.orThrow(peere.manageSchedules().get(caller, ctx.pathParam("scheduleId")));
        Map<String, Object> data = summary(detail.schedule());
        data.put("agreementPhrase", detail.agreementPhrase());
        data.put("runs", detail.runs().stream().map(RecurringRoutes::run).toList());
        Envelope.ok(ctx, "Recurring schedule retrieved successfully", data);
    }

    private void pause(Context ctx) {
        Schedule schedule = change(ctx, (caller, id) -> peere.manageSchedules().pause(caller, id));
        Map<String, Object> data = Envelope.object();
        data.put("scheduleId", schedule.id());
        data.put("status", BillingJson.wire(schedule.status()));
        data.put("pausedAt", schedule.updatedAt());
        Envelope.ok(ctx, "Recurring schedule paused successfully", data);
    }

    private void resume(Context ctx) {
        Schedule schedule = change(ctx, (caller, id) -> peere.manageSchedules().resume(caller, id));
        Map<String, Object> data = Envelope.object();
        data.put("scheduleId", schedule.id());
        data.put("status", BillingJson.wire(schedule.status()));
        data.put("resumedAt", schedule.updatedAt());
        data.put("nextBillingDate", schedule.nextDueAt());
        Envelope.ok(ctx, "Recurring schedule resumed successfully", data);
    }

    private void cancel(Context ctx) {
        Schedule schedule = change(ctx, (caller, id) -> peere.manageSchedules().cancel(caller, id));
        Map<String, Object> data = Envelope.object();
        data.put("scheduleId", schedule.id());
        data.put("status", BillingJson.wire(schedule.status()));
        data.put("cancelledAt", schedule.updatedAt());
        Envelope.ok(ctx, "Recurring schedule cancelled successfully", data);
    }

    private interface Change {
        Result<Schedule> apply(Caller caller, String scheduleId);
    }

    /** The optional {@code reason} is accepted as documented; providers may name the merchant with {@code entityId}. */
    private Schedule change(Context ctx, Change change) {
        Principal principal = Authenticator.principal(ctx);
        Optional<String> entityId = Optional.empty();
        if (!ctx.body().isBlank()) {
            var body = JsonFields.parse(ctx, mapper);
            body.optionalText("reason", Run.REASON_LENGTH_MAX);
            entityId = body.has("entityId") ? BillingJson.entityIdMember(body, principal) : Optional.empty();
            body.rejectUnknown(BillingRoutes.known(CHANGE_FIELDS, principal));
            body.validOrThrow();
        }
        return BillingJson.orThrow(change.apply(BillingJson.caller(principal, entityId), ctx.pathParam("scheduleId")));
    }

    private static Map<String, Object> summary(Schedule schedule) {
        Map<String, Object> data = Envelope.object();
        data.put("scheduleId", schedule.id());
        data.put("customerId", schedule.customerId().value());
        data.put("entityId", schedule.merchantId().value());
        data.put("customerDecisionId", schedule.agreementId());
        data.put("amount", schedule.amount().toMajor());
        data.put("currency", schedule.amount().currency().getCurrencyCode());
        data.put("frequency", BillingJson.wire(schedule.cadence().frequency()));
        data.put("interval", schedule.cadence().interval());
        data.put("status", BillingJson.wire(schedule.status()));
        data.put("startDate", schedule.anchor());
        data.put("nextBillingDate", schedule.nextDueAt());
        data.put("timeZone", schedule.zone().getId());
        data.put("description", schedule.description());
        data.put("noticeOffsets", schedule.noticeOffsetDays());
        data.put("retries", schedule.retries());
        data.put("maxBillings", schedule.ending().maxBillings().orElse(null));
        data.put("endDate", schedule.ending().endBefore().orElse(null));
        data.put("metadata", BillingJson.metadata(schedule.metadata(), MAPPER));
        data.put("createdAt", schedule.createdAt());
        data.put("updatedAt", schedule.updatedAt());
        return data;
    }

    private static Map<String, Object> run(Run run) {
        Map<String, Object> data = Envelope.object();
        data.put("period", run.period());
        data.put("dueDate", run.dueAt());
        data.put("state", BillingJson.wire(run.state()));
        data.put("amount", run.amount().toMajor());
        data.put("currency", run.amount().currency().getCurrencyCode());
        data.put("transactionId", run.chargeId().orElse(null));
        data.put("attempts", run.attempts());
        data.put("notifiedAt", run.notifiedAt().orElse(null));
        data.put("retryAt", run.retryAt().orElse(null));
        data.put("failureReason", run.failureReason().orElse(null));
        data.put("updatedAt", run.updatedAt());
        return data;
    }
}
