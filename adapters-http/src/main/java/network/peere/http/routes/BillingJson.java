package network.peere.http.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.LimitStatus;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.FindAgreements;
import network.peere.core.ports.in.billing.Result;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * The billing objects as the wire shows them (customer decisions, limits, transactions), what billing requests share
 * (amounts, currencies, phrases, limits, metadata, the provider's {@code entityId}), and the one mapping of a
 * {@link BillingProblem} to its wire code.
 */
public final class BillingJson {
    /** Lookup and agreement phrases are opaque tokens; anything longer is not one of ours. */
    static final int PHRASE_LENGTH_MAX = 512;

    static final int ID_LENGTH_MAX = 100;
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    private BillingJson() {}

    /** A refusal's wire code and what the client reads. */
    public record Refusal(ErrorCode code, String message) {}

    /** Every billing problem, mapped once; no default, so a new problem does not compile until it is mapped. */
    public static Refusal refusal(BillingProblem problem) {
        return switch (problem) {
            case MERCHANT_NOT_FOUND -> new Refusal(ErrorCode.MERCHANT_NOT_FOUND, "No such merchant of yours.");
            case MERCHANT_SUSPENDED -> new Refusal(ErrorCode.MERCHANT_SUSPENDED, "The merchant is suspended.");
            case MERCHANT_NOT_TRUSTED ->
                new Refusal(
                        ErrorCode.MERCHANT_NOT_TRUSTED,
                        "The merchant is not trusted: it cannot send intents or bill in live mode.");
            case TRUST_LEVEL_TOO_LOW ->
                new Refusal(ErrorCode.TRUST_LEVEL_TOO_LOW, "The merchant's trust level does not allow this.");
            case BATCH_TOO_LARGE ->
                new Refusal(
                        ErrorCode.BATCH_TOO_LARGE,
                        "Too many phrases for one call at the merchant's trust level (100, premium 500). Split it;"
                                + " nothing was done.");
            case PHRASE_NOT_FOUND ->
                new Refusal(ErrorCode.PHRASE_NOT_FOUND, "This lookup phrase was not issued to this merchant.");
            case CUSTOMER_NOT_FOUND ->
                new Refusal(ErrorCode.CUSTOMER_NOT_FOUND, "The customer is no longer on the network.");
            case BANK_UNAVAILABLE ->
                new Refusal(ErrorCode.BANK_UNAVAILABLE, "The customer's bank cannot take requests right now.");
            case MERCHANT_BLOCKED -> new Refusal(ErrorCode.MERCHANT_BLOCKED, "The customer has blocked this merchant.");
            case AGREEMENT_NOT_FOUND ->
                new Refusal(ErrorCode.AGREEMENT_NOT_FOUND, "No such agreement or customer decision of yours.");
            case AGREEMENT_NOT_APPROVED ->
                new Refusal(ErrorCode.AGREEMENT_NOT_APPROVED, "The customer's bank has not approved this agreement.");
            case AGREEMENT_SUSPENDED ->
                new Refusal(ErrorCode.AGREEMENT_SUSPENDED, "The agreement is suspended by the customer's bank.");
            case AGREEMENT_REVOKED -> new Refusal(ErrorCode.AGREEMENT_REVOKED, "The agreement was denied or revoked.");
            case AGREEMENT_EXPIRED -> new Refusal(ErrorCode.AGREEMENT_EXPIRED, "The agreement expired.");
            case AGREEMENT_EXHAUSTED ->
                new Refusal(ErrorCode.AGREEMENT_EXHAUSTED, "This one-time agreement already has its charge.");
            case INVALID_AMOUNT ->
                new Refusal(
                        ErrorCode.INVALID_AMOUNT,
                        "Amounts are positive, in major units, with at most the currency's decimals (never"
                                + " rounded).");
            case CURRENCY_MISMATCH ->
                new Refusal(ErrorCode.CURRENCY_MISMATCH, "The currency differs from the agreement's currency.");
            case AMOUNT_BELOW_MINIMUM ->
                new Refusal(ErrorCode.AMOUNT_BELOW_MINIMUM, "The amount is below the minimum charge.");
            case SPENDING_LIMIT_EXCEEDED ->
                new Refusal(ErrorCode.SPENDING_LIMIT_EXCEEDED, "The charge would exceed a spending limit.");
            case INTENT_NOT_FOUND ->
                new Refusal(ErrorCode.INTENT_NOT_FOUND, "No such billing intent for your customer and that merchant.");
            case INTENT_ALREADY_ANSWERED ->
                new Refusal(ErrorCode.INTENT_ALREADY_ANSWERED, "This intent already has its decision.");
            case INTENT_EXPIRED -> new Refusal(ErrorCode.INTENT_EXPIRED, "This intent passed its due date.");
            case AGREEMENT_FINAL ->
                new Refusal(
                        ErrorCode.AGREEMENT_FINAL,
                        "The agreement is denied, revoked, expired or used up; its decision can no longer change.");
            case BILLING_REQUEST_NOT_FOUND ->
                new Refusal(ErrorCode.BILLING_REQUEST_NOT_FOUND, "No such billing request for your customers.");
            case BILLING_REQUEST_ALREADY_ANSWERED ->
                new Refusal(ErrorCode.BILLING_REQUEST_ALREADY_ANSWERED, "This billing request was already answered.");
            case BILLING_REQUEST_EXPIRED ->
                new Refusal(ErrorCode.BILLING_REQUEST_EXPIRED, "This billing request passed its due time.");
            case TRANSACTION_NOT_FOUND -> new Refusal(ErrorCode.TRANSACTION_NOT_FOUND, "No such transaction of yours.");
            case SIMULATION_NOT_ALLOWED ->
                new Refusal(ErrorCode.SIMULATION_NOT_ALLOWED, "Only sandbox banks can be simulated.");
            case BANK_NOT_FOUND -> new Refusal(ErrorCode.BANK_NOT_FOUND, "No such bank.");
            case REFUND_NOT_FOUND -> new Refusal(ErrorCode.REFUND_NOT_FOUND, "No such refund of yours.");
            case TRANSACTION_NOT_REFUNDABLE ->
                new Refusal(ErrorCode.TRANSACTION_NOT_REFUNDABLE, "Only a completed transaction can be refunded.");
            case REFUND_EXCEEDS_REMAINDER ->
                new Refusal(
                        ErrorCode.REFUND_EXCEEDS_REMAINDER,
                        "The refund is more than what remains refundable of the transaction.");
            case REFUND_TYPE_MISMATCH ->
                new Refusal(
                        ErrorCode.REFUND_TYPE_MISMATCH,
                        "A full refund names exactly what remains refundable; a partial one less than that.");
            case REFUND_ALREADY_FINAL ->
                new Refusal(ErrorCode.REFUND_ALREADY_FINAL, "This refund already completed or failed.");
            case SETTLEMENT_NOT_FOUND -> new Refusal(ErrorCode.SETTLEMENT_NOT_FOUND, "No such settlement of yours.");
            case PAYOUT_STATUS_CONFLICT ->
                new Refusal(
                        ErrorCode.PAYOUT_STATUS_CONFLICT, "Only a pending payout can be marked paid or failed, once.");
            case PAYOUT_ACCOUNT_NOT_FOUND ->
                new Refusal(ErrorCode.PAYOUT_ACCOUNT_NOT_FOUND, "The merchant has not set a payout account.");
            case SCHEDULE_NOT_FOUND ->
                new Refusal(ErrorCode.SCHEDULE_NOT_FOUND, "No such recurring schedule of yours.");
            case AGREEMENT_NOT_RECURRING ->
                new Refusal(
                        ErrorCode.AGREEMENT_NOT_RECURRING,
                        "Recurring schedules need an agreement the customer approved with approve_recurring.");
            case SCHEDULE_STATUS_CONFLICT ->
                new Refusal(
                        ErrorCode.SCHEDULE_STATUS_CONFLICT,
                        "Only an active schedule pauses, only a paused one resumes; cancelled and failed are final.");
            case INVALID_EXPIRY -> new Refusal(ErrorCode.INVALID_EXPIRY, "expiresAt must lie in the future.");
            case INVALID_START_DATE ->
                new Refusal(
                        ErrorCode.INVALID_START_DATE,
                        "The start date lies in the past (in the customer's bank's time zone).");
            case PAYMENT_LINK_NOT_FOUND -> new Refusal(ErrorCode.PAYMENT_LINK_NOT_FOUND, "No such payment link.");
            case DUPLICATE_LINK_SECRET ->
                new Refusal(
                        ErrorCode.DUPLICATE_LINK_SECRET,
                        "You already have a payment link with this secret; each link needs its own.");
            case CALLBACK_URL_NOT_ALLOWED ->
                new Refusal(
                        ErrorCode.CALLBACK_URL_NOT_ALLOWED,
                        "The callback URL is not allowed (live mode: https, and not a private or loopback address).");
            case PAYMENT_LINK_INACTIVE ->
                new Refusal(
                        ErrorCode.PAYMENT_LINK_INACTIVE, "This payment link was deactivated and takes no payments.");
            case PAYMENT_LINK_ALREADY_PAID ->
                new Refusal(
                        ErrorCode.PAYMENT_LINK_ALREADY_PAID,
                        "This payment link is already paid, or being paid, by another customer.");
            case PAYMENT_LINK_BUSY ->
                new Refusal(
                        ErrorCode.PAYMENT_LINK_BUSY,
                        "Another customer's payment of this link is waiting for their bank; try again in a few"
                                + " minutes.");
            case LINK_PAYMENT_NOT_FOUND ->
                new Refusal(ErrorCode.LINK_PAYMENT_NOT_FOUND, "No payment of this link by that id.");
            case INVALID_IDENTITY ->
                new Refusal(
                        ErrorCode.INVALID_IDENTITY,
                        "Give a valid e-mail address or E.164 phone number (for a link made for one customer, that"
                                + " customer's e-mail).");
            case CALLBACK_NOT_FOUND ->
                new Refusal(ErrorCode.CALLBACK_NOT_FOUND, "This payment link has no callback event by that id.");
            case INVALID_END ->
                new Refusal(
                        ErrorCode.INVALID_END,
                        "maxBillings is 1-100000 and endDate may not come before the first billing.");
            case CONCURRENT_MODIFICATION ->
                new Refusal(ErrorCode.CONCURRENT_MODIFICATION, "Changed by another request at the same moment; retry.");
        };
    }

    /** The value, or the refusal as a problem answer. */
    static <T> T orThrow(Result<T> result) {
        return switch (result) {
            case Result.Ok<T> ok -> ok.value();
            case Result.Refused<T> refused -> throw problem(refused);
        };
    }

    static ApiProblem problem(Result.Refused<?> refused) {
        Refusal wire = refusal(refused.problem());
        return new ApiProblem(wire.code(), wire.message(), List.of(), limitMembers(refused));
    }

    /** A refused item of a batch answer: the documented item members plus {@code code}. */
    static Map<String, Object> failedItem(String phraseField, String phrase, Result.Refused<?> refused) {
        Refusal wire = refusal(refused.problem());
        Map<String, Object> item = Envelope.object();
        item.put("statusCode", wire.code().status());
        item.put("success", false);
        item.put("message", wire.message());
        item.put("code", wire.code().wire());
        item.put(phraseField, phrase);
        item.putAll(limitMembers(refused));
        return item;
    }

    /** For {@code spending_limit_exceeded}: which limit ({@code single|daily|weekly|monthly}) and what remains. */
    private static Map<String, Object> limitMembers(Result.Refused<?> refused) {
        Map<String, Object> members = Envelope.object();
        refused.limit().ifPresent(exceeded -> {
            members.put("limit", wire(exceeded.limit()));
            members.put("remaining", exceeded.remaining().toMajor());
        });
        return members;
    }

    static Map<String, Object> decision(Agreement agreement, ObjectMapper mapper) {
        Map<String, Object> data = Envelope.object();
        data.put("id", agreement.id());
        data.put("customerId", agreement.customerId().value());
        data.put("entityId", agreement.merchantId().value());
        data.put("bankId", agreement.bankId().value());
        data.put("agreementPhrase", agreement.agreementPhrase());
        data.put("lookupPhrase", agreement.lookupPhrase());
        data.put("reference", agreement.intentReference());
        data.put("type", wire(agreement.type()));
        data.put("decision", agreement.decision().map(BillingJson::wire).orElse(null));
        data.put("status", wire(agreement.status()));
        data.put("spendingLimits", limits(agreement.limits()));
        data.put("requestedLimits", limits(agreement.requested()));
        data.put("currency", agreement.currency().getCurrencyCode());
        data.put("amount", agreement.amount().map(Money::toMajor).orElse(null));
        data.put("description", agreement.description());
        data.put("blockMerchant", agreement.blockMerchant());
        data.put("expiresAt", agreement.expiresAt().orElse(null));
        data.put("metadata", metadata(agreement.metadata(), mapper));
        data.put("dueDate", agreement.dueDate());
        data.put("createdAt", agreement.createdAt());
        data.put("decidedAt", agreement.decidedAt().orElse(null));
        data.put("lastUsed", agreement.lastUsedAt().orElse(null));
        return data;
    }

    /** Only the limits that are set, in major units. */
    static Map<String, Object> limits(SpendingLimits limits) {
        Map<String, Object> caps = Envelope.object();
        for (LimitKind kind : LimitKind.values()) {
            limits.cap(kind).ifPresent(cap -> caps.put(wire(kind), cap.toMajor()));
        }
        return caps;
    }

    static Map<String, Object> limitReport(FindAgreements.LimitReport report) {
        Map<String, Object> data = Envelope.object();
        data.put("customerDecisionId", report.agreement().id());
        data.put("currency", report.agreement().currency().getCurrencyCode());
        data.put("at", report.at());
        List<Map<String, Object>> limits = new ArrayList<>();
        for (LimitStatus status : report.limits()) {
            Map<String, Object> limit = Envelope.object();
            limit.put("limit", wire(status.kind()));
            limit.put("cap", status.cap().toMajor());
            limit.put("used", status.used().toMajor());
            limit.put("remaining", status.remaining().toMajor());
            limit.put("resetsAt", status.resetsAt().orElse(null));
            limits.add(limit);
        }
        data.put("limits", limits);
        return data;
    }

    /** A transaction read; {@code settled}: a merchant settlement has taken it ({@code FindTransactions.settled}). */
    static Map<String, Object> transaction(Charge charge, boolean settled, ObjectMapper mapper) {
        Map<String, Object> data = Envelope.object();
        data.put("transactionId", charge.id());
        data.put("reference", charge.id());
        data.put("billingRequestId", charge.id());
        data.put("status", wire(TransactionStatus.of(charge)));
        data.put("amount", charge.amount().toMajor());
        data.put("currency", charge.amount().currency().getCurrencyCode());
        data.put("fee", charge.fee().toMajor());
        data.put("refunded", charge.refunded().toMajor());
        data.put("refundable", charge.refundable().toMajor());
        data.put("description", charge.description());
        data.put("customerId", charge.customerId().value());
        data.put("entityId", charge.merchantId().value());
        data.put("bankId", charge.bankId().value());
        data.put("customerDecisionId", charge.agreementId());
        data.put("customerAction", customerAction(charge).orElse(null));
        data.put("declineReason", charge.declineReason().orElse(null));
        data.put("bankTransactionId", charge.bankTransactionId().orElse(null));
        data.put("isSettled", settled);
        data.put("metadata", metadata(charge.metadata(), mapper));
        data.put("createdAt", charge.createdAt());
        data.put("processedAt", charge.processedAt().orElse(null));
        data.put("dueAt", charge.dueAt());
        return data;
    }

    /** What the merchant hears ({@code billing.response}): nothing while the bank has not answered. */
    static Optional<String> customerAction(Charge charge) {
        if (charge.status() == ChargeStatus.PENDING_BANK) {
            return Optional.empty();
        }
        return Optional.of(charge.accepted() ? "accepted" : "declined");
    }

    static String wire(Enum<?> value) {
        return WireEnums.wireName(value);
    }

    // ---- reading requests

    /** A provider's {@code entityId} member (required); merchants never send one: their key decides. */
    static Optional<String> entityIdMember(JsonFields body, Principal caller) {
        if (caller.role() != Role.PROVIDER) {
            return Optional.empty();
        }
        return Optional.ofNullable(body.requiredText("entityId", ID_LENGTH_MAX));
    }

    /**
     * A provider's optional {@code entityId} query parameter (absent: all of its merchants); refused from anyone
     * else, so a merchant or bank never believes it filtered.
     */
    static Optional<String> entityIdQuery(QueryParams query, Principal caller) {
        Optional<String> raw = query.optionalText("entityId");
        if (raw.isPresent() && caller.role() != Role.PROVIDER) {
            query.refuse("entityId", "unknown_field", "is used by providers only: your key decides");
            return Optional.empty();
        }
        return raw;
    }

    /** The caller, acting for the merchant it names; a malformed id is nobody's merchant. */
    static Caller caller(Principal principal, Optional<String> entityId) {
        if (entityId.isPresent() && !ParticipantId.isWellFormed(entityId.get())) {
            throw problem(new Result.Refused<>(BillingProblem.MERCHANT_NOT_FOUND));
        }
        return new Caller(principal, entityId.map(ParticipantId::new));
    }

    /** An ISO 4217 code with minor units; matched case-insensitively. */
    static Currency currency(JsonFields body) {
        String code = body.requiredText("currency", 3);
        if (code == null) {
            return null;
        }
        try {
            if (CURRENCY.matcher(code).matches()) {
                Currency currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
                if (currency.getDefaultFractionDigits() >= 0) {
                    return currency;
                }
            }
        } catch (IllegalArgumentException unknown) {
            // refused below
        }
        body.refuse("currency", "invalid_value", "must be an ISO 4217 currency code such as NGN");
        return null;
    }

    /** A non-empty array of phrases in request order; how many one call may hold is the core's rule (trust). */
    static List<String> phrases(JsonFields body, String field) {
        Optional<List<JsonNode>> items = body.requiredArray(field);
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.get().isEmpty()) {
            body.refuse(field, "out_of_range", "must hold at least one phrase");
            return List.of();
        }
        List<String> phrases = new ArrayList<>();
        for (JsonNode item : items.get()) {
            Optional<String> phrase = JsonFields.textItem(item, PHRASE_LENGTH_MAX);
            if (phrase.isEmpty()) {
                body.refuse(
                        field,
                        "invalid_type",
                        "must be an array of non-blank strings of at most " + PHRASE_LENGTH_MAX + " characters");
                return List.of();
            }
            phrases.add(phrase.get());
        }
        return phrases;
    }

    /** {@code {single, daily, weekly, monthly}}, each a major-unit number; all optional, nothing else. */
    static Optional<Map<LimitKind, BigDecimal>> spendingLimits(JsonFields body) {
        return body.optionalObject("spendingLimits").map(limits -> {
            Map<LimitKind, BigDecimal> caps = new EnumMap<>(LimitKind.class);
            List<String> names = new ArrayList<>();
            for (LimitKind kind : LimitKind.values()) {
                names.add(wire(kind));
                limits.optionalDecimal(wire(kind)).ifPresent(cap -> caps.put(kind, cap));
            }
            limits.rejectUnknown(java.util.Set.copyOf(names));
            return caps;
        });
    }

    /** The merchant's own JSON object, kept as canonical text (members sorted) of at most 4000 characters. */
    static Optional<Metadata> metadata(JsonFields body, ObjectMapper mapper) {
        return body.optionalObjectNode("metadata").flatMap(node -> {
            String json;
            try {
                json = mapper.writeValueAsString(sorted(node, mapper));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed JSON object writes back", e);
            }
            if (json.length() > Metadata.LENGTH_MAX) {
                body.refuse(
                        "metadata",
                        "too_long",
                        "must be at most " + Metadata.LENGTH_MAX + " characters as compact JSON");
                return Optional.empty();
            }
            return Optional.of(new Metadata(json));
        });
    }

    private static JsonNode sorted(JsonNode node, ObjectMapper mapper) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = mapper.createObjectNode();
            names.forEach(name -> copy.set(name, sorted(object.get(name), mapper)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = mapper.createArrayNode();
            array.forEach(element -> copy.add(sorted(element, mapper)));
            return copy;
        }
        return node;
    }

    /** Stored metadata back as a JSON object (numbers exact), or null. */
    static JsonNode metadata(Optional<Metadata> metadata, ObjectMapper mapper) {
        return metadata.map(m -> {
                    try {
                        return mapper.reader()
                                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                                .readTree(m.json());
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored metadata is JSON", e);
                    }
                })
                .orElse(null);
    }
}
