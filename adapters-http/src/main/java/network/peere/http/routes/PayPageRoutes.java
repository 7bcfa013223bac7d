package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.peere.core.Peere;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.RateClass;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.link.PayLinks;
import network.peere.http.ratelimit.ClientRateLimiter;
import network.peere.http.ratelimit.RateLimiter;
import network.peere.http.ratelimit.RateLimiting;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.ClientAddress;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.JsonFields;

/**
 * The hosted pay page of a payment link (docs/payment-links.md, "The pay page"): the HTML page at a link's
 * {@code payUrl}, its two static assets, and the three JSON calls its script makes. No API key: the link id is the
 * only credential, so every call but the assets is rate limited per client address (lookups tell who banks where).
 */
public final class PayPageRoutes {
    static final int PHONE_LENGTH_MAX = 32;

    /** Only self-hosted script, style and calls; no framing (clickjacking a pay button), no plugins, no base tricks. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'";

    private static final Set<String> BANKS_FIELDS = Set.of("email", "phone");
    private static final Set<String> PAY_FIELDS = Set.of("email", "phone", "bankId");
    private static final String ASSETS = "/network/peere/http/pay/";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private record Asset(byte[] bytes, String contentType, String version) {}

    private final Peere peere;
    private final ObjectMapper mapper;
    private final ClientRateLimiter limiter;
    private final ClientAddress clients;
    private final Map<String, Asset> assets;
    private final PayPageHtml.Assets assetUrls;

    public PayPageRoutes(Peere peere, ObjectMapper mapper, ClientRateLimiter limiter, ClientAddress clients) {
        this.peere = peere;
        this.mapper = mapper;
        this.limiter = limiter;
        this.clients = java.util.Objects.requireNonNull(clients, "clients");
        this.assets = Map.of(
                "pay.js", asset("pay.js", "text/javascript; charset=utf-8"),
                "pay.css", asset("pay.css", "text/css; charset=utf-8"));
        this.assetUrls = new PayPageHtml.Assets(assetUrl("pay.js"), assetUrl("pay.css"));
    }

    public void register(RoutesConfig routes) {
        routes.get("/pay/assets/{file}", this::asset, Access.PUBLIC);
        routes.get("/pay/{linkId}", this::page, Access.PUBLIC);
        routes.post("/pay/{linkId}/banks", this::banks, Access.PUBLIC);
        routes.post("/pay/{linkId}/payments", this::pay, Access.PUBLIC);
        routes.get("/pay/{linkId}/payments/{paymentId}", this::payment, Access.PUBLIC);
    }

    private void page(Context ctx) {
        protect(ctx, "no-store");
        if (limiter.tryAcquire(clients.of(ctx), RateClass.READ) instanceof RateLimiter.Decision.Refused refused) {
            ctx.header(RateLimiting.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
            ctx.status(429).html(PayPageHtml.tooManyRequests(assetUrls));
            return;
        }
        String linkId = ctx.pathParam("linkId");
        if (linkId.length() > BillingJson.ID_LENGTH_MAX) {
            ctx.status(404).html(PayPageHtml.notFound(assetUrls));
            return;
        }
        switch (peere.payLinks().page(linkId)) {
            case Result.Ok<PayLinks.PayPage> ok ->
                ctx.html(
                        ok.value().payable()
                                ? PayPageHtml.payable(ok.value(), assetUrls)
                                : PayPageHtml.closed(ok.value(), assetUrls));
            case Result.Refused<PayLinks.PayPage> refused -> {
                int status = BillingJson.refusal(refused.problem()).code().status();
                ctx.status(status)
                        .html(status == 404 ? PayPageHtml.notFound(assetUrls) : PayPageHtml.unavailable(assetUrls));
            }
        }
    }

    /**
     * The page's own script sends JSON from the page's origin. A JSON content type makes a cross-site script ask the
     * browser first (CORS preflight, which these routes never allow), and a browser that says the call is cross-site
     * is refused: another site cannot drive lookups or payments from its visitors' browsers.
     */
    private static void sameSiteJson(Context ctx) {
        JsonFields.checkContentType(ctx, true);
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ApiProblem(ErrorCode.INSUFFICIENT_PERMISSIONS, "The pay page's calls come from the pay page.");
        }
    }

    /** What both pay calls do first: headers, same-site JSON, the client's rate limit; answers the link id. */
    private String admitCall(Context ctx) {
        protect(ctx, "no-store");
        sameSiteJson(ctx);
        RateLimiting.answer(ctx, limiter.tryAcquire(clients.of(ctx), RateClass.STANDARD));
        return linkId(ctx);
    }

    private void banks(Context ctx) {
        String linkId = admitCall(ctx);
        var body = JsonFields.parse(ctx, mapper);
        PayLinks.Identity identity = identity(body);
        body.rejectUnknown(BANKS_FIELDS);
        body.validOrThrow();
        List<PayLinks.BankOption> banks = BillingJson.orThrow(peere.payLinks().banks(linkId, identity));
        Map<String, Object> data = Envelope.object();
        data.put("banks", banks.stream().map(PayPageRoutes::bank).toList());
        Envelope.ok(ctx, "Banks retrieved successfully", data);
    }

    /**
     * Always 201 with the payment, also when the same customer pays again while their payment holds the link (the use
     * case answers that payment): a reload or a double tap shows the payment already under way.
     */
    private void pay(Context ctx) {
        String linkId = admitCall(ctx);
        var body = JsonFields.parse(ctx, mapper);
        PayLinks.Identity identity = identity(body);
        String bankId = body.requiredText("bankId", BillingJson.ID_LENGTH_MAX);
        if (bankId != null && !ParticipantId.isWellFormed(bankId)) {
            body.refuse("bankId", "invalid_format", "must be a bankId from the bank lookup");
        }
        body.rejectUnknown(PAY_FIELDS);
        body.validOrThrow();
        LinkPayment started = BillingJson.orThrow(peere.payLinks().pay(linkId, identity, new ParticipantId(bankId)));
        PayLinks.PaymentState state = BillingJson.orThrow(peere.payLinks().payment(linkId, started.id()));
        Envelope.created(ctx, "Payment started; follow it until the bank answers", payment(state));
    }

    private void payment(Context ctx) {
        protect(ctx, "no-store");
        RateLimiting.answer(ctx, limiter.tryAcquire(clients.of(ctx), RateClass.READ));
        String linkId = linkId(ctx);
        String paymentId = ctx.pathParam("paymentId");
        if (paymentId.length() > BillingJson.ID_LENGTH_MAX) {
            throw BillingJson.problem(new Result.Refused<>(BillingProblem.LINK_PAYMENT_NOT_FOUND));
        }
        PayLinks.PaymentState state = BillingJson.orThrow(peere.payLinks().payment(linkId, paymentId));
        Envelope.ok(ctx, "Payment retrieved successfully", payment(state));
    }

    private void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            protect(ctx, "no-store");
            ctx.status(404).html(PayPageHtml.notFound(assetUrls));
            return;
        }
        // Pages link the hashed URL, so that one may be kept for good; any other is revalidated.
        protect(ctx, asset.version().equals(ctx.queryParam("v")) ? IMMUTABLE : "no-cache");
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    /** Headers every answer of the page carries, whatever follows (a refusal keeps them). */
    private static void protect(Context ctx, String cacheControl) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", cacheControl);
    }

    private static String linkId(Context ctx) {
        String linkId = ctx.pathParam("linkId");
        if (linkId.length() > BillingJson.ID_LENGTH_MAX) {
            throw BillingJson.problem(new Result.Refused<>(BillingProblem.PAYMENT_LINK_NOT_FOUND));
        }
        return linkId;
    }

    /** Exactly one of {@code email} and {@code phone}; whether it is a valid one is the lookup's rule. */
    private static PayLinks.Identity identity(JsonFields body) {
        Optional<String> email = body.optionalText("email", PaymentLink.EMAIL_LENGTH_MAX);
        Optional<String> phone = body.optionalText("phone", PHONE_LENGTH_MAX);
        boolean hasEmail = body.hasAnyOf(Set.of("email"));
        boolean hasPhone = body.hasAnyOf(Set.of("phone"));
        if (hasEmail && hasPhone) {
            body.refuse("phone", "invalid_value", "send either email or phone, not both");
            return null;
        }
        if (!hasEmail && !hasPhone) {
            body.refuse("email", "required", "send the customer's email or phone");
            return null;
        }
        return email.map(e -> new PayLinks.Identity(LookUpCustomer.Kind.EMAIL, e))
                .or(() -> phone.map(p -> new PayLinks.Identity(LookUpCustomer.Kind.PHONE, p)))
                .orElse(null);
    }

    private static Map<String, Object> bank(PayLinks.BankOption bank) {
        Map<String, Object> data = Envelope.object();
        data.put("bankId", bank.bankId().value());
        data.put("bankName", bank.bankName());
        data.put("accountName", bank.accountName());
        return data;
    }

    /** What the page follows; no customer, agreement or schedule id leaves the server. */
    private static Map<String, Object> payment(PayLinks.PaymentState state) {
        LinkPayment payment = state.payment();
        Map<String, Object> data = Envelope.object();
        data.put("paymentId", payment.id());
        data.put("linkId", payment.linkId());
        data.put("status", BillingJson.wire(payment.status()));
        data.put("failureReason", payment.failureReason().orElse(null));
        data.put("lastPaidAt", payment.lastPaidAt().orElse(null));
        data.put("nextDueAt", state.nextDueAt().orElse(null));
        data.put("createdAt", payment.createdAt());
        data.put("updatedAt", payment.updatedAt());
        return data;
    }

    private String assetUrl(String file) {
        return "/pay/assets/" + file + "?v=" + assets.get(file).version();
    }

    private static Asset asset(String file, String contentType) {
        try (InputStream in = PayPageRoutes.class.getResourceAsStream(ASSETS + file)) {
            if (in == null) {
                throw new IllegalStateException("pay page asset " + file + " missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Asset(bytes, contentType, HexFormat.of().formatHex(digest, 0, 6));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read pay page asset " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
