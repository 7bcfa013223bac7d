package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.SendBillingIntents;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.FieldError;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;

/**
 * Merchants (and providers for one of their merchants) send billing intents and bill agreement phrases, one item
 * per phrase in request order (decisions.md, "Batches": 200/201 when every item succeeded, 207 otherwise); banks
 * answer billing requests.
 */
public final class BillingRoutes {
    static final int MULTI_STATUS = 207;
    private static final Set<String> INTENT_FIELDS =
            Set.of("lookupPhrases", "currency", "description", "type", "amount", "spendingLimits", "metadata");
    private static final Set<String> BILL_FIELDS =
            Set.of("agreementPhrases", "amount", "currency", "description", "metadata", "dryRun");
    private static final Set<String> BANK_RESPONSE_FIELDS =
            Set.of("billingRequestId", "action", "batchId", "declineReason", "bankTransactionId", "metadata");

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public BillingRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/billing/intent", idempotency.wrap(this::sendIntents), Access.MERCHANT);
        routes.post("/v1/merchant/billing/intent", idempotency.wrap(this::sendIntents), Access.PROVIDER);
        routes.post("/v1/customer/bill", idempotency.wrap(this::bill), Access.MERCHANT);
        routes.post("/v1/merchant/customer/bill", idempotency.wrap(this::bill), Access.PROVIDER);
        routes.post("/v1/billing/bank-response", idempotency.wrap(this::answerBillingRequest), Access.BANK);
        routes.post(
                "/v1/billing/bank-responses", idempotency.wrapRecordingAfter(this::answerBillingRequests), Access.BANK);
    }

    private void sendIntents(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        Optional<String> entityId = BillingJson.entityIdMember(body, principal);
        List<String> phrases = BillingJson.phrases(body, "lookupPhrases");
        Currency currency = BillingJson.currency(body);
        String description = body.requiredText("description", Agreement.DESCRIPTION_LENGTH_MAX);
        IntentType type = body.optionalEnum("type", IntentType.class).orElse(IntentType.ONE_TIME);
        Optional<BigDecimal> amount = body.optionalDecimal("amount");
        if (amount.isPresent() && type != IntentType.ONE_TIME) {
            body.refuse("amount", "invalid_value", "is only for type one_time");
        }
        Map<LimitKind, BigDecimal> limits = BillingJson.spendingLimits(body).orElse(Map.of());
        Optional<Metadata> metadata = BillingJson.metadata(body, mapper);
        body.rejectUnknown(known(INTENT_FIELDS, principal));
        body.validOrThrow();
        Caller caller = BillingJson.caller(principal, entityId);
        var command =
                new SendBillingIntents.Command(caller, phrases, type, currency, description, amount, limits, metadata);
        List<SendBillingIntents.Item> items =
                BillingJson.orThrow(peere.sendBillingIntents().send(command));
        List<Map<String, Object>> answer = new ArrayList<>();
        boolean allSent = true;
        for (SendBillingIntents.Item item : items) {
            switch (item.result()) {
                case Result.Ok<Agreement> ok -> answer.add(intentSent(item.lookupPhrase(), ok.value()));
                case Result.Refused<Agreement> refused -> {
                    allSent = false;
                    answer.add(BillingJson.failedItem("lookupPhrase", item.lookupPhrase(), refused));
                }
            }
        }
        ctx.status(allSent ? 200 : MULTI_STATUS).json(answer);
    }

    private static Map<String, Object> intentSent(String lookupPhrase, Agreement agreement) {
        Map<String, Object> item = Envelope.object();
        item.put("statusCode", 200);
        item.put("success", true);
        item.put("message", "Billing intent sent successfully");
        item.put("lookupPhrase", lookupPhrase);
        item.put("entityId", agreement.merchantId().value());
        item.put("reference", agreement.intentReference());
        item.put("customerDecisionId", agreement.id());
        item.put("agreementPhrase", agreement.agreementPhrase());
        item.put("status", "pending");
        item.put("dueDate", agreement.dueDate());
        return item;
    }

    private void bill(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        Optional<String> entityId = BillingJson.entityIdMember(body, principal);
        List<String> phrases = BillingJson.phrases(body, "agreementPhrases");
        Optional<BigDecimal> amount = body.requiredDecimal("amount");
        Currency currency = BillingJson.currency(body);
        String description = body.requiredText("description", Charge.TEXT_LENGTH_MAX);
        Optional<Metadata> metadata = BillingJson.metadata(body, mapper);
        boolean dryRun = body.optionalBoolean("dryRun").orElse(false);
        body.rejectUnknown(known(BILL_FIELDS, principal));
        body.validOrThrow();
        // A bill checks the merchant's version under its agreement's lock, so it may start from authentication's read.
        Caller caller = BillingJson.caller(principal, entityId).authenticatedAs(Authenticator.participant(ctx));
        var command = new BillCustomers.Command(
                caller, phrases, amount.orElseThrow(), currency, description, metadata, dryRun);
        List<BillCustomers.Item> items =
                BillingJson.orThrow(peere.billCustomers().bill(command));
        List<Map<String, Object>> answer = new ArrayList<>();
        boolean allDone = true;
        for (BillCustomers.Item item : items) {
            switch (item) {
                case BillCustomers.Item.Accepted accepted -> answer.add(billed(accepted));
                case BillCustomers.Item.WouldAccept wouldAccept -> answer.add(wouldBill(wouldAccept));
                case BillCustomers.Item.Refused refused -> {
                    allDone = false;
                    answer.add(BillingJson.failedItem("phrase", refused.agreementPhrase(), refused.refusal()));
                }
            }
        }
        ctx.status(allDone ? (dryRun ? 200 : 201) : MULTI_STATUS).json(answer);
    }

    private static Map<String, Object> billed(BillCustomers.Item.Accepted accepted) {
        Charge charge = accepted.charge();
        Map<String, Object> item = Envelope.object();
        item.put("statusCode", 201);
        item.put("success", true);
        item.put("message", "Customer billed successfully");
        item.put("reference", charge.id());
        item.put("phrase", accepted.agreementPhrase());
        item.put("entityId", charge.merchantId().value());
        item.put("status", "pending");
        item.put("amount", charge.amount().toMajor());
        item.put("currency", charge.amount().currency().getCurrencyCode());
        return item;
    }

    private static Map<String, Object> wouldBill(BillCustomers.Item.WouldAccept wouldAccept) {
        Map<String, Object> item = Envelope.object();
        item.put("statusCode", 200);
        item.put("success", true);
        item.put("message", "Dry run: the bill would be accepted");
        item.put("phrase", wouldAccept.agreementPhrase());
        item.put("entityId", wouldAccept.agreement().merchantId().value());
        item.put("dryRun", true);
        return item;
    }

    /** {@code batchId} is accepted as the public docs show it; the billing request id alone names the charge. */
    private void answerBillingRequest(Context ctx) {
        var body = JsonFields.parse(ctx, mapper);
        var answer = answerOf(Authenticator.principal(ctx), body);
        body.validOrThrow();
        Charge charge = BillingJson.orThrow(peere.answerBillingRequests().answer(answer.orElseThrow()));
        Envelope.ok(ctx, "Billing response processed successfully", answered(charge));
    }

    /** One bank answer's members, read from a body or a batch's element; empty when one is invalid. */
    private Optional<AnswerBillingRequests.Answer> answerOf(Principal bank, JsonFields body) {
        String billingRequestId = body.requiredText("billingRequestId", BillingJson.ID_LENGTH_MAX);
        Optional<CustomerDecision> action = body.requiredEnum("action", CustomerDecision.class);
        body.optionalText("batchId", BillingJson.ID_LENGTH_MAX);
        Optional<String> declineReason = body.optionalText("declineReason", Charge.TEXT_LENGTH_MAX);
        Optional<String> bankTransactionId = body.optionalText("bankTransactionId", Charge.TEXT_LENGTH_MAX);
        Optional<Metadata> metadata = BillingJson.metadata(body, mapper);
        body.rejectUnknown(BANK_RESPONSE_FIELDS);
        if (!body.isValid()) {
            return Optional.empty();
        }
        return Optional.of(new AnswerBillingRequests.Answer(
                bank, billingRequestId, action.orElseThrow(), declineReason, bankTransactionId, metadata));
    }

    private static Map<String, Object> answered(Charge charge) {
        Map<String, Object> data = Envelope.object();
        data.put("billingRequestId", charge.id());
        data.put("status", BillingJson.wire(TransactionStatus.of(charge.status())));
        data.put("customerAction", BillingJson.customerAction(charge).orElse(null));
        return data;
    }

    /**
     * Peere's batch form of {@code bank-response}: up to 500 answers, each with the result a single answer would have
     * given it, in the order sent. An invalid element is refused on its own ({@code invalid_request} in its result);
     * the call is 200 when every answer was taken, 207 otherwise. Wrapped to record its response after the work, which
     * commits batch by batch ({@link network.peere.http.support.Idempotency#wrapRecordingAfter}).
     */
    private void answerBillingRequests(Context ctx) {
        Principal bank = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        List<JsonFields> elements = body.objectArray("responses", 1, AnswerBillingRequests.ANSWERS_PER_CALL_MAX);
        body.rejectUnknown(Set.of("responses"));
        body.validOrThrow();
        List<Optional<AnswerBillingRequests.Answer>> answers =
                elements.stream().map(element -> answerOf(bank, element)).toList();
        List<Result<Charge>> taken = peere.answerBillingRequests()
                .answerAll(answers.stream().flatMap(Optional::stream).toList());
        List<Map<String, Object>> results = new ArrayList<>();
        int next = 0;
        int answered = 0;
        for (int index = 0; index < answers.size(); index++) {
            Map<String, Object> result = Envelope.object();
            result.put("index", index);
            if (answers.get(index).isEmpty()) {
                var errors = elements.get(index).errors();
                result.put("statusCode", ErrorCode.INVALID_REQUEST.status());
                result.put("success", false);
                result.put("code", ErrorCode.INVALID_REQUEST.wire());
                result.put("message", "Invalid billing response");
                result.put(
                        "fieldErrors", errors.stream().map(FieldError::asJson).toList());
            } else {
                switch (taken.get(next++)) {
                    case Result.Ok<Charge> ok -> {
                        answered++;
                        result.put("statusCode", 200);
                        result.put("success", true);
                        result.putAll(answered(ok.value()));
                    }
                    case Result.Refused<Charge> refused ->
                        result.putAll(BillingJson.failedItem(
                                "billingRequestId",
                                answers.get(index).orElseThrow().billingRequestId(),
                                refused));
                }
            }
            results.add(result);
        }
        Map<String, Object> summary = Envelope.object();
        summary.put("total", answers.size());
        summary.put("successful", answered);
        summary.put("failed", answers.size() - answered);
        Map<String, Object> data = Envelope.object();
        data.put("results", results);
        data.put("summary", summary);
        boolean all = answered == answers.size();
        int status = all ? 200 : MULTI_STATUS;
        String message = all
                ? "Billing responses processed successfully"
                : answered + " of " + answers.size() + " billing responses processed; see results";
        ctx.status(status).json(Envelope.body(status, all, message, data));
    }

    /** A provider's requests also carry {@code entityId}; a merchant's never do. */
    static Set<String> known(Set<String> fields, Principal caller) {
        if (caller.role() != Role.PROVIDER) {
            return fields;
        }
        Set<String> withEntity = new HashSet<>(fields);
        withEntity.add("entityId");
        return withEntity;
    }
}
