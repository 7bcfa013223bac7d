package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.refund.RefundType;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.money.RefundCharges;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * Refunds (public docs M12, M13): a merchant, or its provider with {@code entityId}, gives money back from a
 * completed transaction; the customer's bank hears {@code refund.request} and answers; the merchant hears
 * {@code refund.response}. The status answer keeps the documented top-level {@code refund} key instead of
 * {@code data}.
 */
public final class RefundRoutes {
    /** What the public docs promise; the bank decides the real time. */
    static final String ESTIMATED_PROCESSING_TIME = "1-3 business days";

    private static final Set<String> INITIATE_FIELDS =
            Set.of("transactionId", "amount", "reason", "refundType", "metadata");
    private static final Set<String> RESPONSE_FIELDS = Set.of("status", "bankReference", "reason");

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public RefundRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/refunds/initiate", idempotency.wrap(this::initiate), Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/refunds/{refundId}/status", this::status, Access.MERCHANT, Access.PROVIDER, Access.BANK);
        routes.get("/v1/refunds", this::list, Access.MERCHANT, Access.PROVIDER);
        routes.post("/v1/bank/refunds/{refundId}/response", idempotency.wrap(this::answer), Access.BANK);
    }

    private void initiate(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        Optional<String> entityId = BillingJson.entityIdMember(body, principal);
        String transactionId = body.requiredText("transactionId", BillingJson.ID_LENGTH_MAX);
        Optional<BigDecimal> amount = body.requiredDecimal("amount");
        String reason = body.requiredText("reason", Refund.REASON_LENGTH_MAX);
        Optional<RefundType> type = body.requiredEnum("refundType", RefundType.class);
        Optional<Metadata> metadata = BillingJson.metadata(body, mapper);
        body.rejectUnknown(BillingRoutes.known(INITIATE_FIELDS, principal));
        body.validOrThrow();
        var command = new RefundCharges.Initiate(
                BillingJson.caller(principal, entityId),
                transactionId,
                amount.orElseThrow(),
                reason,
                type.orElseThrow(),
                metadata);
        Refund refund = BillingJson.orThrow(peere.refundCharges().initiate(command));
        Map<String, Object> data = Envelope.object();
        data.put("refundId", refund.id());
        data.put("status", BillingJson.wire(refund.status()));
        data.put("estimatedProcessingTime", ESTIMATED_PROCESSING_TIME);
        Envelope.created(ctx, "Refund initiated successfully", data);
    }

    private void status(Context ctx) {
        Caller caller = Caller.of(Authenticator.principal(ctx));
        Refund refund = BillingJson.orThrow(peere.refundCharges().find(caller, ctx.pathParam("refundId")));
        Map<String, Object> answer = Envelope.object();
        answer.put("statusCode", 200);
        answer.put("success", true);
        answer.put("message", "Refund status retrieved successfully");
        answer.put("refund", MoneyJson.refund(refund, originalAmount(caller, refund, new HashMap<>()), mapper));
        ctx.json(answer);
    }

    private void list(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        PageRequest page = query.numberedPage();
        query.validOrThrow();
        Caller caller = BillingJson.caller(principal, entityId);
        Page<Refund> result = BillingJson.orThrow(peere.refundCharges().list(caller, page));
        Map<String, Money> originals = new HashMap<>();
        Caller reader = Caller.of(principal);
        List<Map<String, Object>> refunds = result.items().stream()
                .map(refund -> MoneyJson.refund(refund, originalAmount(reader, refund, originals), mapper))
                .toList();
        Map<String, Object> data = Envelope.object();
        data.put("refunds", refunds);
        data.put("total", result.total());
        data.put("page", page.offset() / page.limit() + 1);
        data.put("limit", page.limit());
        Envelope.ok(ctx, "Refunds retrieved successfully", data);
    }

    /** The bank answers {@code processing}, {@code completed} or {@code failed}; {@code pending} is the start. */
    private void answer(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        Optional<RefundStatus> status = body.requiredEnum("status", RefundStatus.class);
        if (status.isPresent() && status.get() == RefundStatus.PENDING) {
            body.refuse("status", "invalid_value", "must be one of processing, completed, failed");
        }
        Optional<String> bankReference = body.optionalText("bankReference", Refund.REASON_LENGTH_MAX);
        Optional<String> reason = body.optionalText("reason", Refund.REASON_LENGTH_MAX);
        body.rejectUnknown(RESPONSE_FIELDS);
        body.validOrThrow();
        var answer = new RefundCharges.Answer(
                Authenticator.principal(ctx), ctx.pathParam("refundId"), status.orElseThrow(), bankReference, reason);
        Refund refund = BillingJson.orThrow(peere.refundCharges().answer(answer));
        Map<String, Object> data = Envelope.object();
        data.put("refundId", refund.id());
        data.put("status", BillingJson.wire(refund.status()));
        Envelope.ok(ctx, "Refund response processed successfully", data);
    }

    /**
     * The refunded transaction's amount. A refund does not carry it, so it is read through the transaction, which
     * every party that may see the refund may also see.
     */
    private Money originalAmount(Caller reader, Refund refund, Map<String, Money> seen) {
        return seen.computeIfAbsent(
                refund.chargeId(),
                chargeId -> BillingJson.orThrow(peere.findTransactions().details(reader, chargeId))
                        .amount());
    }
}
