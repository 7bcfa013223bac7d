package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementFilter;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.Caller;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * Customer decisions (agreements): the bank records and changes its customer's decision; merchants, their providers
 * and the customer's bank read it and its limits, and may revoke it; a bank lists a customer's subscriptions.
 * Another participant's decision answers 404 {@code agreement_not_found}.
 */
public final class DecisionRoutes {
    private static final Set<String> RESPONSE_FIELDS = Set.of(
            "customerId",
            "entityId",
            "lookupPhrase",
            "customerDecision",
            "spendingLimits",
            "blockMerchant",
            "expiresAt",
            "reference");
    private static final Set<String> CHANGE_FIELDS = Set.of("decision", "spendingLimits", "blockMerchant", "expiresAt");

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public DecisionRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/billing/intent-response", idempotency.wrap(this::respond), Access.BANK);
        routes.put("/v1/bank/customer-decisions/{customerDecisionId}", this::change, Access.BANK);
        routes.post(
                "/v1/customer-decisions/{customerDecisionId}/revoke",
                idempotency.wrap(this::revoke),
                Access.MERCHANT,
                Access.PROVIDER,
                Access.BANK);
        routes.get("/v1/merchant/customer-decisions", this::list, Access.MERCHANT, Access.PROVIDER);
        routes.get(
                "/v1/customer-decisions/{customerDecisionId}",
                this::one,
                Access.MERCHANT,
                Access.PROVIDER,
                Access.BANK);
        routes.get(
                "/v1/customer-decisions/{customerDecisionId}/limits",
                this::limits,
                Access.MERCHANT,
                Access.PROVIDER,
                Access.BANK);
        routes.get("/v1/bank/customer/subscriptions", this::subscriptions, Access.BANK);
    }

    /** The documented answer keeps {@code customerDecisionId} and {@code agreementPhrase} at the top level. */
    private void respond(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        String customerId = body.requiredText("customerId", BillingJson.ID_LENGTH_MAX);
        String entityId = body.requiredText("entityId", BillingJson.ID_LENGTH_MAX);
        if (entityId != null && !ParticipantId.isWellFormed(entityId)) {
            body.refuse("entityId", "invalid_format", "is not a well-formed merchant id");
        }
        String lookupPhrase = body.requiredText("lookupPhrase", BillingJson.PHRASE_LENGTH_MAX);
        Optional<CustomerDecision> decision = body.requiredEnum("customerDecision", CustomerDecision.class);
        Optional<Map<LimitKind, BigDecimal>> limits = BillingJson.spendingLimits(body);
        boolean blockMerchant = body.optionalBoolean("blockMerchant").orElse(false);
        Optional<Instant> expiresAt = body.optionalInstant("expiresAt");
        String reference = body.requiredText("reference", BillingJson.ID_LENGTH_MAX);
        body.rejectUnknown(RESPONSE_FIELDS);
        body.validOrThrow();
        var response = new AnswerIntents.Response(
                Authenticator.principal(ctx),
                reference,
                Optional.of(customerId),
                Optional.of(new ParticipantId(entityId)),
                Optional.of(lookupPhrase),
                decision.orElseThrow(),
                limits,
                blockMerchant,
                expiresAt);
        Agreement agreement = BillingJson.orThrow(peere.answerIntents().respond(response));
        Map<String, Object> answer = Envelope.object();
        answer.put("statusCode", 201);
        answer.put("success", true);
        answer.put("message", "Customer decision created successfully");
        answer.put("customerDecisionId", agreement.id());
        answer.put("agreementPhrase", agreement.agreementPhrase());
        ctx.status(201).json(answer);
    }

    private void change(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        Optional<CustomerDecision> decision = body.optionalEnum("decision", CustomerDecision.class);
        Optional<Map<LimitKind, BigDecimal>> limits = BillingJson.spendingLimits(body);
        Optional<Boolean> blockMerchant = body.optionalBoolean("blockMerchant");
        // expiresAt: a date-time sets the expiry, null clears it, absent keeps it.
        Optional<AnswerIntents.Expiry> expiry = body.has("expiresAt")
                ? Optional.of(new AnswerIntents.Expiry(body.optionalInstant("expiresAt")))
                : Optional.empty();
        body.rejectUnknown(CHANGE_FIELDS);
        if (expiry.isEmpty() && !body.hasAnyOf(CHANGE_FIELDS)) {
            body.refuse(
                    "decision",
                    "required",
                    "give at least one of decision, spendingLimits, blockMerchant or expiresAt");
        }
        body.validOrThrow();
        var change = new AnswerIntents.Change(
                Authenticator.principal(ctx),
                ctx.pathParam("customerDecisionId"),
                decision,
                limits,
                blockMerchant,
                expiry);
        Agreement agreement = BillingJson.orThrow(peere.answerIntents().change(change));
        Map<String, Object> data = Envelope.object();
        data.put("id", agreement.id());
        data.put("decision", agreement.decision().map(BillingJson::wire).orElse(null));
        data.put("status", BillingJson.wire(agreement.status()));
        data.put("expiresAt", agreement.expiresAt().orElse(null));
        Envelope.ok(ctx, "Customer decision updated successfully", data);
    }

    /** No body, or an empty JSON object. */
    private void revoke(Context ctx) {
        if (ctx.bodyAsBytes().length > 0) {
            var body = JsonFields.parse(ctx, mapper);
            body.rejectUnknown(Set.of());
            body.validOrThrow();
        }
        Agreement agreement = BillingJson.orThrow(peere.answerIntents()
                .revoke(Caller.of(Authenticator.principal(ctx)), ctx.pathParam("customerDecisionId")));
        Envelope.ok(ctx, "Customer decision revoked successfully", BillingJson.decision(agreement, mapper));
    }

    private void list(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        Optional<String> agreementPhrase = query.optionalText("agreementPhrase");
        Optional<String> customerId = query.optionalText("customerId");
        if (customerId.isPresent() && !CustomerId.isWellFormed(customerId.get())) {
            query.refuse("customerId", "invalid_format", "is not a well-formed customer id");
        }
        Optional<String> lookupPhrase = query.optionalText("lookupPhrase");
        PageRequest page = query.skipPage();
        query.validOrThrow();
        Caller caller = BillingJson.caller(principal, entityId);
        var filter = new AgreementFilter(agreementPhrase, customerId.map(CustomerId::new), lookupPhrase);
        Page<Agreement> result = BillingJson.orThrow(peere.findAgreements().list(caller, filter, page));
        Map<String, Object> answer = Envelope.object();
        answer.put("statusCode", 200);
        answer.put("success", true);
        answer.put("message", "Customer decisions retrieved successfully");
        answer.put(
                "data",
                result.items().stream()
                        .map(agreement -> BillingJson.decision(agreement, mapper))
                        .toList());
        answer.put("total", result.total());
        ctx.json(answer);
    }

    private void one(Context ctx) {
        Agreement agreement = BillingJson.orThrow(peere.findAgreements()
                .find(Caller.of(Authenticator.principal(ctx)), ctx.pathParam("customerDecisionId")));
        Envelope.ok(ctx, "Customer decision retrieved successfully", BillingJson.decision(agreement, mapper));
    }

    private void limits(Context ctx) {
        var report = BillingJson.orThrow(peere.findAgreements()
                .limits(Caller.of(Authenticator.principal(ctx)), ctx.pathParam("customerDecisionId")));
        Envelope.ok(ctx, "Customer decision limits retrieved successfully", BillingJson.limitReport(report));
    }

    private void subscriptions(Context ctx) {
        var query = new QueryParams(ctx);
        Optional<String> customerId = query.requiredText("customerId");
        PageRequest page = query.skipPage();
        query.validOrThrow();
        Principal bank = Authenticator.principal(ctx);
        CustomerId id = customerId
                .filter(CustomerId::isWellFormed)
                .map(CustomerId::new)
                .orElseThrow(BankCustomerRoutes::customerNotFound);
        Page<Agreement> result = BillingJson.orThrow(peere.findAgreements().forCustomer(bank, id, page));
        Map<ParticipantId, String> merchantNames = new HashMap<>();
        List<Map<String, Object>> subscriptions = result.items().stream()
                .map(agreement -> subscription(
                        agreement,
                        merchantNames.computeIfAbsent(
                                agreement.merchantId(),
                                merchant -> peere.findParticipants()
                                        .find(bank.mode(), merchant)
                                        .map(Participant::name)
                                        .orElse(""))))
                .toList();
        Map<String, Object> data = Envelope.object();
        data.put("subscriptions", subscriptions);
        data.put("total", result.total());
        Envelope.ok(ctx, "Customer subscriptions retrieved successfully", data);
    }

    /**
     * One agreement as the documented subscription: {@code amount} is the intent's amount, else its single limit;
     * {@code cycle} is the intent type; {@code startDate} is when the bank decided (or the intent was sent).
     */
    private Map<String, Object> subscription(Agreement agreement, String merchantName) {
        Map<String, Object> item = Envelope.object();
        item.put("id", agreement.id());
        item.put("merchantName", merchantName);
        item.put("entityId", agreement.merchantId().value());
        item.put(
                "amount",
                agreement
                        .amount()
                        .or(() -> agreement.limits().cap(LimitKind.SINGLE))
                        .map(network.peere.core.domain.money.Money::toMajor)
                        .orElse(null));
        item.put("currency", agreement.currency().getCurrencyCode());
        item.put("cycle", BillingJson.wire(agreement.type()));
        item.put("agreementPhrase", agreement.agreementPhrase());
        item.put("enabled", agreement.status() == AgreementStatus.ACTIVE);
        item.put("expiresAt", agreement.expiresAt().orElse(null));
        item.put("lastUsed", agreement.lastUsedAt().orElse(null));
        item.put("startDate", agreement.decidedAt().orElse(agreement.createdAt()));
        item.put("decision", agreement.decision().map(BillingJson::wire).orElse(null));
        item.put("status", BillingJson.wire(agreement.status()));
        item.put("metadata", BillingJson.metadata(agreement.metadata(), mapper));
        return item;
    }
}
