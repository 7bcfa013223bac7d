package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.settlement.PayoutStatus;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.money.SettleMerchants;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;
import network.peere.http.support.QueryParams.DateEdge;

/**
 * Settlements (docs/settlement.md): a merchant, or its provider, reads its settled windows, their lines and CSV
 * reports, and its payouts, and sets where payouts go; the operator runs the settlement job and records what happened
 * to a payout. Another participant's settlement is 404 {@code settlement_not_found}.
 */
public final class SettlementRoutes {
    /** Settlements one range report may hold; a wider range is refused, to be split. */
    static final int REPORT_SETTLEMENTS_MAX = 5_000;
    /** Due windows the operator's run settles in one call. */
    static final int RUN_LIMIT = 1_000;

    static final String CSV_TYPE = "text/csv; charset=utf-8";
    static final String CSV_HEADER =
            "settlement_id,window_start,window_end,kind,reference,gross,fee,net,currency,bank_id,occurred_at\n";

    private static final Set<String> PAYOUT_FIELDS = Set.of("status");
    private static final Set<String> ACCOUNT_FIELDS = Set.of("bankName", "accountNumber", "accountName");

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public SettlementRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/settlements", this::list, Access.MERCHANT, Access.PROVIDER);
        // The literal report path first, so it is never read as a settlement id.
        routes.get("/v1/settlements/report.csv", this::rangeReport, Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/settlements/{settlementId}", this::one, Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/settlements/{settlementId}/report.csv", this::report, Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/settlements/{settlementId}/payout", this::payout, Access.MERCHANT, Access.PROVIDER);
        routes.put("/v1/operator/settlements/{settlementId}/payout", this::markPayout, Access.OPERATOR);
        routes.post("/v1/operator/settlements/run", idempotency.wrap(this::run), Access.OPERATOR);
        routes.put("/v1/merchant/payout-account", this::setPayoutAccount, Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/merchant/payout-account", this::payoutAccount, Access.MERCHANT, Access.PROVIDER);
    }

    private void list(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        SettleMerchants.Query range = range(query);
        PageRequest page = query.numberedPage();
        query.validOrThrow();
        Page<Settlement> result =
                BillingJson.orThrow(peere.settleMerchants().list(BillingJson.caller(principal, entityId), range, page));
        Map<String, Object> data = Envelope.object();
        data.put(
                "settlements",
                result.items().stream().map(MoneyJson::settlementSummary).toList());
        data.put("total", result.total());
        data.put("page", page.offset() / page.limit() + 1);
        data.put("limit", page.limit());
        Envelope.ok(ctx, "Settlements retrieved successfully", data);
    }

    private void one(Context ctx) {
        Envelope.ok(ctx, "Settlement retrieved successfully", MoneyJson.settlement(find(ctx)));
    }

    private void report(Context ctx) {
        Settlement settlement = find(ctx);
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        appendRows(csv, settlement);
        csv(ctx, settlement.id() + ".csv", csv);
    }

    /** Every settlement whose window starts in the range, each with its lines, oldest pages last as listed. */
    private void rangeReport(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        SettleMerchants.Query range = range(query);
        query.validOrThrow();
        Caller caller = BillingJson.caller(principal, entityId);
        Caller reader = Caller.of(principal);
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        int offset = 0;
        while (true) {
            Page<Settlement> page = BillingJson.orThrow(
                    peere.settleMerchants().list(caller, range, new PageRequest(offset, PageRequest.LIMIT_MAX)));
            if (page.total() > REPORT_SETTLEMENTS_MAX) {
                query.refuse(
                        "from",
                        "out_of_range",
                        "the range holds more than " + REPORT_SETTLEMENTS_MAX + " settlements; narrow it");
                query.validOrThrow();
            }
            for (Settlement summary : page.items()) {
                appendRows(csv, BillingJson.orThrow(peere.settleMerchants().find(reader, summary.id())));
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        csv(ctx, "settlements.csv", csv);
    }

    private void payout(Context ctx) {
        Envelope.ok(ctx, "Payout retrieved successfully", MoneyJson.payout(find(ctx)));
    }

    /** The operator's key decides the mode: a live operator never marks a sandbox payout. */
    private void markPayout(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        Optional<PayoutStatus> status = body.requiredEnum("status", PayoutStatus.class);
        if (status.isPresent() && status.get() != PayoutStatus.PAID && status.get() != PayoutStatus.FAILED) {
            body.refuse("status", "invalid_value", "must be one of paid, failed");
        }
        body.rejectUnknown(PAYOUT_FIELDS);
        body.validOrThrow();
        Settlement settlement = BillingJson.orThrow(peere.settleMerchants()
                .markPayout(Authenticator.principal(ctx).mode(), ctx.pathParam("settlementId"), status.orElseThrow()));
        Envelope.ok(ctx, "Payout updated successfully", MoneyJson.settlementSummary(settlement));
    }

    /** Settles every due window (both modes: the job does not know keys); no body, or an empty JSON object. */
    private void run(Context ctx) {
        boolean closeToday = false;
        if (ctx.bodyAsBytes().length > 0) {
            var body = JsonFields.parse(ctx, mapper);
            closeToday = body.optionalBoolean("closeToday").orElse(false);
            body.rejectUnknown(Set.of("closeToday"));
            body.validOrThrow();
        }
        int settled = closeToday
                ? BillingJson.orThrow(peere.settleMerchants()
                        .closeToday(Authenticator.principal(ctx).mode(), RUN_LIMIT))
                : peere.settleMerchants().settleDue(RUN_LIMIT);
        Map<String, Object> data = Envelope.object();
        data.put("settled", settled);
        Envelope.ok(ctx, "Settlement run completed", data);
    }

    private void setPayoutAccount(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        Optional<String> entityId = BillingJson.entityIdMember(body, principal);
        String bankName = body.requiredText("bankName", PayoutAccount.FIELD_LENGTH_MAX);
        String accountNumber = body.requiredText("accountNumber", PayoutAccount.FIELD_LENGTH_MAX);
        String accountName = body.requiredText("accountName", PayoutAccount.FIELD_LENGTH_MAX);
        body.rejectUnknown(BillingRoutes.known(ACCOUNT_FIELDS, principal));
        body.validOrThrow();
        PayoutAccount account = BillingJson.orThrow(peere.settleMerchants()
                .setPayoutAccount(
                        BillingJson.caller(principal, entityId),
                        new PayoutAccount(bankName, accountNumber, accountName)));
        Envelope.ok(ctx, "Payout account updated successfully", MoneyJson.payoutAccount(account));
    }

    private void payoutAccount(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = requiredEntityIdQuery(query, principal);
        query.validOrThrow();
        Optional<PayoutAccount> account =
                BillingJson.orThrow(peere.settleMerchants().payoutAccount(BillingJson.caller(principal, entityId)));
        if (account.isEmpty()) {
            throw BillingJson.problem(new Result.Refused<>(BillingProblem.PAYOUT_ACCOUNT_NOT_FOUND));
        }
        Envelope.ok(ctx, "Payout account retrieved successfully", MoneyJson.payoutAccount(account.get()));
    }

    /** A provider acts for one merchant it names; a merchant's key decides (and never names one). */
    static Optional<String> requiredEntityIdQuery(QueryParams query, Principal caller) {
        Optional<String> entityId = BillingJson.entityIdQuery(query, caller);
        if (caller.role() == Role.PROVIDER && entityId.isEmpty()) {
            query.refuse("entityId", "required", "is required: name one of your merchants");
        }
        return entityId;
    }

    private Settlement find(Context ctx) {
        return BillingJson.orThrow(
                peere.settleMerchants().find(Caller.of(Authenticator.principal(ctx)), ctx.pathParam("settlementId")));
    }

    /** {@code from} (inclusive) and {@code to} (exclusive) bound when a window starts; a date is a UTC day. */
    private static SettleMerchants.Query range(QueryParams query) {
        Optional<Instant> from = query.optionalInstantOrDate("from", DateEdge.START_OF_DAY);
        Optional<Instant> to = query.optionalInstantOrDate("to", DateEdge.END_OF_DAY);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            query.refuse("from", "out_of_range", "must be before to");
        }
        return new SettleMerchants.Query(from, to);
    }

    private static void appendRows(StringBuilder csv, Settlement settlement) {
        String currency = settlement.currency().getCurrencyCode();
        for (SettlementLine line : settlement.lines()) {
            List<String> cells = List.of(
                    settlement.id(),
                    settlement.windowStart().toString(),
                    settlement.windowEnd().toString(),
                    BillingJson.wire(line.kind()),
                    line.reference(),
                    MoneyJson.major(line.grossMinor(), settlement.currency()).toPlainString(),
                    MoneyJson.major(line.feeMinor(), settlement.currency()).toPlainString(),
                    MoneyJson.major(line.netMinor(), settlement.currency()).toPlainString(),
                    currency,
                    line.bankId().map(id -> id.value()).orElse(""),
                    line.occurredAt().toString());
            csv.append(String.join(
                            ",", cells.stream().map(SettlementRoutes::cell).toList()))
                    .append('\n');
        }
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
    static String cell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void csv(Context ctx, String filename, StringBuilder csv) {
        ctx.status(200)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .contentType(CSV_TYPE)
                .result(csv.toString());
    }
}
