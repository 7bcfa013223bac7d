package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.ports.in.link.ManagePaymentLinks;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.Idempotency;
import network.peere.http.support.JsonFields;
import network.peere.http.support.QueryParams;

/**
 * Payment links (docs/payment-links.md): a merchant creates a fixed-amount link, one-off or recurring, and hands its
 * {@code payUrl} to a customer; it verifies the link's payment (by link id or by its own secret), and lists and
 * replays the link's callbacks. Merchants call these with their key; providers add {@code entityId} (body on create,
 * query elsewhere).
 */
public final class PaymentLinkRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of(
            "amount",
            "currency",
            "description",
            "customerEmail",
            "secret",
            "callbackUrl",
            "recurring",
            "recurringDuration",
            "metadata");

    /** Reads stored metadata back as JSON (numbers exact); it writes nothing. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Peere peere;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public PaymentLinkRoutes(Peere peere, ObjectMapper mapper, Idempotency idempotency) {
        this.peere = peere;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/payment-links", idempotency.wrap(this::create), Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/payment-links", this::list, Access.MERCHANT, Access.PROVIDER);
        // Before "/{linkId}", which would otherwise take "verification" for a link id.
        routes.get("/v1/payment-links/verification", this::verifyBySecret, Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/payment-links/{linkId}", this::get, Access.MERCHANT, Access.PROVIDER);
        routes.post(
                "/v1/payment-links/{linkId}/deactivate",
                idempotency.wrap(this::deactivate),
                Access.MERCHANT,
                Access.PROVIDER);
        routes.get("/v1/payment-links/{linkId}/verification", this::verify, Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/payment-links/{linkId}/payments", this::payments, Access.MERCHANT, Access.PROVIDER);
        routes.get("/v1/payment-links/{linkId}/callbacks", this::callbacks, Access.MERCHANT, Access.PROVIDER);
        routes.post(
                "/v1/payment-links/{linkId}/callbacks/{eventId}/replay",
                idempotency.wrap(this::replayCallback),
                Access.MERCHANT,
                Access.PROVIDER);
    }

    private void create(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var body = JsonFields.parse(ctx, mapper);
        Optional<String> entityId = BillingJson.entityIdMember(body, principal);
        Optional<BigDecimal> amount = body.requiredDecimal("amount");
        Currency currency = BillingJson.currency(body);
        String description = body.optionalText("description", PaymentLink.DESCRIPTION_LENGTH_MAX)
                .orElse("");
        Optional<String> email =
                body.has("customerEmail") ? Optional.ofNullable(body.requiredEmail("customerEmail")) : Optional.empty();
        String secret = body.requiredText("secret", PaymentLink.SECRET_LENGTH_MAX);
        URI callbackUrl = callbackUrl(body);
        boolean recurring = body.optionalBoolean("recurring").orElse(false);
        Optional<LinkDuration> duration = body.optionalEnum("recurringDuration", LinkDuration.class);
        if (recurring && duration.isEmpty() && !body.has("recurringDuration")) {
            body.refuse("recurringDuration", "required", "is required when recurring is true");
        }
        if (!recurring && body.has("recurringDuration")) {
            body.refuse("recurringDuration", "not_allowed", "is only allowed when recurring is true");
        }
        Optional<Metadata> metadata = BillingJson.metadata(body, mapper);
        body.rejectUnknown(BillingRoutes.known(CREATE_FIELDS, principal));
        body.validOrThrow();
        var command = new ManagePaymentLinks.Create(
                BillingJson.caller(principal, entityId),
                amount.orElseThrow(),
                currency,
                description,
                email,
                secret,
                callbackUrl,
                recurring ? duration : Optional.empty(),
                metadata);
        ManagePaymentLinks.Created created =
                BillingJson.orThrow(peere.managePaymentLinks().create(command));
        Map<String, Object> data = link(ctx, created.link());
        data.put("callbackKey", created.callbackKey());
        Envelope.created(ctx, "Payment link created successfully", data);
    }

    private static URI callbackUrl(JsonFields body) {
        String raw = body.requiredText("callbackUrl", PaymentLink.URL_LENGTH_MAX);
        if (raw == null) {
            return null;
        }
        try {
            URI url = new URI(raw);
            if (url.isAbsolute() && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below as a field error
        }
        body.refuse("callbackUrl", "invalid_format", "must be an absolute http(s) URL");
        return null;
    }

    private void list(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        PageRequest page = query.skipPage();
        query.validOrThrow();
        Page<PaymentLink> result =
                BillingJson.orThrow(peere.managePaymentLinks().list(BillingJson.caller(principal, entityId), page));
        Map<String, Object> data = Envelope.object();
        data.put("links", result.items().stream().map(l -> link(ctx, l)).toList());
        data.put("total", result.total());
        Envelope.ok(ctx, "Payment links retrieved successfully", data);
    }

    private void get(Context ctx) {
        PaymentLink link = BillingJson.orThrow(peere.managePaymentLinks().get(caller(ctx), ctx.pathParam("linkId")));
        Envelope.ok(ctx, "Payment link retrieved successfully", link(ctx, link));
    }

    private void deactivate(Context ctx) {
        PaymentLink link =
                BillingJson.orThrow(peere.managePaymentLinks().deactivate(caller(ctx), ctx.pathParam("linkId")));
        Envelope.ok(ctx, "Payment link deactivated successfully", link(ctx, link));
    }

    private void verify(Context ctx) {
        ManagePaymentLinks.Verification verification =
                BillingJson.orThrow(peere.managePaymentLinks().verify(caller(ctx), ctx.pathParam("linkId")));
        Envelope.ok(ctx, "Payment link verified successfully", verification(verification));
    }

    private void verifyBySecret(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        Optional<String> secret = query.requiredText("secret");
        if (secret.filter(s -> s.length() > PaymentLink.SECRET_LENGTH_MAX).isPresent()) {
            query.refuse("secret", "too_long", "must be at most " + PaymentLink.SECRET_LENGTH_MAX + " characters");
        }
        query.validOrThrow();
        ManagePaymentLinks.Verification verification = BillingJson.orThrow(peere.managePaymentLinks()
                .verifyBySecret(BillingJson.caller(principal, entityId), secret.orElseThrow()));
        Envelope.ok(ctx, "Payment link verified successfully", verification(verification));
    }

    private void payments(Context ctx) {
        List<LinkPayment> payments =
                BillingJson.orThrow(peere.managePaymentLinks().payments(caller(ctx), ctx.pathParam("linkId")));
        Map<String, Object> data = Envelope.object();
        data.put("payments", payments.stream().map(PaymentLinkRoutes::payment).toList());
        Envelope.ok(ctx, "Payment link payments retrieved successfully", data);
    }

    private static Map<String, Object> payment(LinkPayment payment) {
        Map<String, Object> data = Envelope.object();
        data.put("paymentId", payment.id());
        data.put("status", BillingJson.wire(payment.status()));
        data.put("customerId", payment.customerId().value());
        data.put("bankId", payment.bankId().value());
        data.put("customerDecisionId", payment.agreementId());
        data.put("scheduleId", payment.scheduleId().orElse(null));
        data.put("failureReason", payment.failureReason().orElse(null));
        data.put("lastPaidAt", payment.lastPaidAt().orElse(null));
        data.put("createdAt", payment.createdAt());
        data.put("updatedAt", payment.updatedAt());
        return data;
    }

    private void callbacks(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        Optional<DeliveryStatus> status = query.optionalEnum("status", DeliveryStatus.class);
        PageRequest page = query.skipPage();
        query.validOrThrow();
        Page<DeliveryRecord> found = BillingJson.orThrow(peere.managePaymentLinks()
                .callbacks(BillingJson.caller(principal, entityId), ctx.pathParam("linkId"), status, page));
        Map<String, Object> data = Envelope.object();
        data.put(
                "deliveries", found.items().stream().map(DeliveryJson::delivery).toList());
        data.put("total", found.total());
        Envelope.ok(ctx, "Payment link callbacks retrieved successfully", data);
    }

    private void replayCallback(Context ctx) {
        String eventId = ctx.pathParam("eventId");
        String batchId = BillingJson.orThrow(
                peere.managePaymentLinks().replayCallback(caller(ctx), ctx.pathParam("linkId"), eventId));
        Map<String, Object> data = Envelope.object();
        data.put("eventId", eventId);
        data.put("batchId", batchId);
        Envelope.write(ctx, 202, "Callback replay queued", data);
    }

    private static network.peere.core.ports.in.billing.Caller caller(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        var query = new QueryParams(ctx);
        Optional<String> entityId = BillingJson.entityIdQuery(query, principal);
        query.validOrThrow();
        return BillingJson.caller(principal, entityId);
    }

    /** The public page's address on the host the merchant called (behind a proxy, set the forwarded host). */
    public static String payUrl(Context ctx, String linkId) {
        return ctx.scheme() + "://" + ctx.host() + "/pay/" + linkId;
    }

    /** {@code lastTransactionId} is a charge id, readable with {@code GET /v1/transaction-details/{id}}. */
    private static Map<String, Object> verification(ManagePaymentLinks.Verification verification) {
        PaymentLink link = verification.link();
        Map<String, Object> data = Envelope.object();
        data.put("linkId", link.id());
        data.put("secret", link.terms().secret());
        data.put("status", BillingJson.wire(link.status()));
        data.put("paid", verification.paid());
        data.put(
                "paymentStatus",
                verification.latest().map(p -> BillingJson.wire(p.status())).orElse(null));
        data.put("paymentId", verification.latest().map(LinkPayment::id).orElse(null));
        data.put("lastPaymentDate", verification.lastPaidAt().orElse(null));
        data.put("nextDueDate", verification.nextDueAt().orElse(null));
        data.put("lastTransactionId", verification.lastChargeId().orElse(null));
        return data;
    }

    private static Map<String, Object> link(Context ctx, PaymentLink link) {
        var terms = link.terms();
        Map<String, Object> data = Envelope.object();
        data.put("linkId", link.id());
        data.put("entityId", link.merchantId().value());
        data.put("payUrl", payUrl(ctx, link.id()));
        data.put("status", BillingJson.wire(link.status()));
        data.put("amount", terms.amount().toMajor());
        data.put("currency", terms.amount().currency().getCurrencyCode());
        data.put("description", terms.description());
        data.put("customerEmail", terms.customerEmail().orElse(null));
        data.put("secret", terms.secret());
        data.put("callbackUrl", terms.callbackUrl().toString());
        data.put("recurring", link.recurring());
        data.put("recurringDuration", terms.duration().map(BillingJson::wire).orElse(null));
        data.put("metadata", BillingJson.metadata(terms.metadata(), MAPPER));
        data.put("createdAt", link.createdAt());
        data.put("updatedAt", link.updatedAt());
        return data;
    }
}
