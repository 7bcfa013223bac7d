package network.peere.http.peerwallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import network.peere.core.Peere;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.link.ManagePaymentLinks;
import network.peere.core.ports.in.link.ManagePaymentLinks.Verification;
import network.peere.core.ports.in.participant.AuthenticateApiKey;
import network.peere.core.ports.in.participant.AuthenticateApiKey.Authentication;
import network.peere.http.ratelimit.RateLimiting;
import network.peere.http.routes.PaymentLinkRoutes;
import network.peere.http.support.Access;
import network.peere.http.support.ApiProblem;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;
import network.peere.http.support.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Peerwallet-compatible adapter (docs/peerwallet.md; decisions.md, "Payment links"): {@code create-link}, {@code
 * verify-payment} and {@code transaction} as peerwallet-api.md describes them (POST values, the key in an {@code
 * api-public-key} / {@code api-private-key} header, answers with a numeric {@code status} and a {@code note}), mapped
 * onto the same use cases as {@code /v1/payment-links} and {@code /v1/transaction-details}. A merchant integrated with
 * Peerwallet changes only its base URL. The routes are public to the shared authenticator: this adapter reads its own
 * key headers through the same (cached, constant-time) {@link AuthenticateApiKey} port, then takes a token from the
 * same per-key rate limit.
 */
public final class PeerwalletRoutes {
    static final String PUBLIC_KEY = "api-public-key";
    static final String PRIVATE_KEY = "api-private-key";

    /** Peerwallet shows both names, for the same key in Peere; a form may carry it as a field too (spec §0). */
    static final Set<String> KEY_FIELDS = Set.of(PUBLIC_KEY, PRIVATE_KEY);

    /** The customer's details Peerwallet's checkout used; kept as the link's metadata, in this order of keys. */
    static final List<String> CUSTOMER_FIELDS =
            List.of("fname", "lname", "address", "city", "state", "postal", "country", "phone", "language");

    static final int CUSTOMER_FIELD_LENGTH_MAX = 200;
    static final int ID_LENGTH_MAX = 100;

    private static final Set<String> CREATE_FIELDS = union(
            Set.of(
                    "email",
                    "amount",
                    "currency_code",
                    "secret",
                    "post_url",
                    "recurring",
                    "recurring_duration",
                    "description"),
            Set.copyOf(CUSTOMER_FIELDS));
    private static final Set<String> VERIFY_FIELDS = Set.of("secret");
    private static final Set<String> TRANSACTION_FIELDS = Set.of("invoice_id", "pay_id");

    private static final String DESCRIPTION_PREFIX = "Payment to ";
    private static final Logger LOG = LoggerFactory.getLogger(PeerwalletRoutes.class);

    private final Peere peere;
    private final AuthenticateApiKey authentication;
    private final RateLimiting rateLimiting;
    private final ObjectMapper mapper;

    public PeerwalletRoutes(
            Peere peere, AuthenticateApiKey authentication, RateLimiting rateLimiting, ObjectMapper mapper) {
        this.peere = Objects.requireNonNull(peere, "peere");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.rateLimiting = Objects.requireNonNull(rateLimiting, "rateLimiting");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public void register(RoutesConfig routes) {
        routes.post("/peerwallet/create-link", answered(this::createLink), Access.PUBLIC);
        routes.post("/peerwallet/verify-payment", answered(this::verifyPayment), Access.PUBLIC);
        routes.post("/peerwallet/transaction", answered(this::transaction), Access.PUBLIC);
    }

    private void createLink(Context ctx) {
        Principal merchant = authenticate(ctx, PUBLIC_KEY);
        var form = PeerwalletForm.read(ctx);
        Optional<String> email = form.requiredEmail("email");
        Optional<BigDecimal> amount = form.requiredAmount("amount");
        Optional<Currency> currency = form.requiredCurrency("currency_code");
        Optional<String> secret = form.required("secret", PaymentLink.SECRET_LENGTH_MAX);
        // Peere calls back on every paid, failed or cancelled period; without an address nobody would hear it.
        Optional<URI> postUrl = form.requiredUrl("post_url", PaymentLink.URL_LENGTH_MAX);
        boolean recurring = form.recurring("recurring");
        // A one-off link ignores recurring_duration, as a form that always sends it expects.
        Optional<LinkDuration> duration =
                recurring ? form.requiredDuration("recurring_duration", "when recurring is yes") : Optional.empty();
        Optional<String> description = form.optional("description", PaymentLink.DESCRIPTION_LENGTH_MAX);
        Optional<Metadata> metadata = customerDetails(form);
        form.validOrThrow();
        var command = new ManagePaymentLinks.Create(
                Caller.of(merchant),
                amount.orElseThrow(),
                currency.orElseThrow(),
                description.orElseGet(() -> defaultDescription(merchant)),
                email,
                secret.orElseThrow(),
                postUrl.orElseThrow(),
                duration,
                metadata);
        ManagePaymentLinks.Created created = switch (peere.managePaymentLinks().create(command)) {
            case Result.Ok<ManagePaymentLinks.Created> ok -> ok.value();
            case Result.Refused<ManagePaymentLinks.Created> refused -> throw createRefusal(ctx, refused, command);
        };
        PaymentLink link = created.link();
        Map<String, Object> fields = Envelope.object();
        fields.put("link", PaymentLinkRoutes.payUrl(ctx, link.id()));
        fields.put("pay_id", link.id());
        fields.put("secret", link.terms().secret());
        fields.put("amount", link.terms().amount().toMajor());
        fields.put("currency_code", link.terms().amount().currency().getCurrencyCode());
        fields.put("recurring", link.recurring() ? "yes" : "no");
        fields.put(
                "recurring_duration",
                link.terms().duration().map(PeerwalletWire::duration).orElse(null));
        fields.put("callback_key", created.callbackKey());
        fields.put("ignored_fields", form.ignored(CREATE_FIELDS));
        PeerwalletAnswer.done(ctx, "Payment link created", fields);
    }

    /**
     * A duplicate secret names the link that has it (a retried create finds its link); an amount the currency cannot
     * hold says how many decimals it may have.
     */
    private PeerwalletRefusal createRefusal(
            Context ctx, Result.Refused<ManagePaymentLinks.Created> refused, ManagePaymentLinks.Create command) {
        if (refused.problem() == BillingProblem.DUPLICATE_LINK_SECRET) {
            Map<String, Object> members = Envelope.object();
            if (peere.managePaymentLinks().verifyBySecret(command.caller(), command.secret())
                    instanceof Result.Ok<Verification> existing) {
                members.put("pay_id", existing.value().link().id());
                members.put(
                        "link",
                        PaymentLinkRoutes.payUrl(ctx, existing.value().link().id()));
            }
            return new PeerwalletRefusal(ErrorCode.DUPLICATE_LINK_SECRET, "secret already used", List.of(), members);
        }
        int allowed = command.currency().getDefaultFractionDigits();
        if (refused.problem() == BillingProblem.INVALID_AMOUNT && PeerwalletWire.decimals(command.amount()) > allowed) {
            return new PeerwalletRefusal(
                    ErrorCode.INVALID_AMOUNT,
                    "amount " + command.amount().toPlainString() + " has more decimals than "
                            + command.currency().getCurrencyCode() + " allows (" + allowed + "); Peere never rounds,"
                            + " so send an amount the currency holds exactly.");
        }
        return PeerwalletAnswer.of(refused);
    }

    private void verifyPayment(Context ctx) {
        Principal merchant = authenticate(ctx, PRIVATE_KEY);
        var form = PeerwalletForm.read(ctx);
        Optional<String> secret = form.required("secret", PaymentLink.SECRET_LENGTH_MAX);
        form.validOrThrow();
        Verification verification =
                orRefuse(peere.managePaymentLinks().verifyBySecret(Caller.of(merchant), secret.orElseThrow()));
        Map<String, Object> fields = Envelope.object();
        fields.put(
                "payment_status",
                PeerwalletWire.paymentStatus(verification.latest().map(LinkPayment::status)));
        // Peere holds no escrow: a confirmed charge has reached the merchant's settlement.
        fields.put("escrow_status", verification.lastPaidAt().isPresent() ? "completed" : "pending");
        fields.put(
                "last_date",
                verification.lastPaidAt().map(PeerwalletWire::humanDate).orElse(null));
        fields.put(
                "last_date_iso",
                verification.lastPaidAt().map(Instant::toString).orElse(null));
        fields.put(
                "next_due_date_iso",
                verification.nextDueAt().map(Instant::toString).orElse(null));
        fields.put("pay_id", verification.link().id());
        fields.put("invoice_id", verification.lastChargeId().orElse(null));
        fields.put("link", PaymentLinkRoutes.payUrl(ctx, verification.link().id()));
        PeerwalletAnswer.done(ctx, "Payment verification has been processed", fields);
    }

    private void transaction(Context ctx) {
        Principal merchant = authenticate(ctx, PRIVATE_KEY);
        var form = PeerwalletForm.read(ctx);
        Optional<String> invoiceId = form.optional("invoice_id", ID_LENGTH_MAX);
        Optional<String> payId = form.optional("pay_id", ID_LENGTH_MAX);
        if (invoiceId.isEmpty() && payId.isEmpty()) {
            form.refuse("invoice_id", "required", "or pay_id is required");
        }
        if (invoiceId.isPresent() && payId.isPresent()) {
            form.refuse("pay_id", "not_allowed", "may not be sent with invoice_id: send one of them");
        }
        form.validOrThrow();
        Caller caller = Caller.of(merchant);
        // Peerwallet's invoice_id field may carry a pay ID too (spec §1.4): a link id is recognised by its prefix.
        Optional<String> linkId = payId.or(() -> invoiceId.filter(PeerwalletRoutes::isLinkId));
        Optional<String> customerEmail = Optional.empty();
        String chargeId;
        if (linkId.isPresent()) {
            Verification verification = orRefuse(peere.managePaymentLinks().verify(caller, linkId.get()));
            chargeId = verification
                    .lastChargeId()
                    .orElseThrow(() -> new PeerwalletRefusal(
                            ErrorCode.TRANSACTION_NOT_FOUND, "This payment link has no paid transaction yet."));
            customerEmail = verification.link().terms().customerEmail();
        } else {
            chargeId = invoiceId.orElseThrow();
        }
        Charge charge = orRefuse(peere.findTransactions().details(caller, chargeId));
        Map<String, Object> data = Envelope.object();
        data.put("customer_email", customerEmail.orElse(null));
        data.put("selling_currency", charge.amount().currency().getCurrencyCode());
        data.put("selling_amount", charge.amount().toMajor());
        // Fees are the merchant's (fees_by: sellers): the customer pays the amount, no more, in the same currency.
        data.put("selling_total_amount", charge.amount().toMajor());
        data.put("seller_currency", charge.amount().currency().getCurrencyCode());
        data.put("seller_amount", charge.amount().toMajor());
        data.put("seller_net_amount", charge.amount().minus(charge.fee()).toMajor());
        data.put("fee", charge.fee().toMajor());
        data.put("payment_method", "bank");
        data.put("exchange_rate", 1);
        data.put("payment_mode", "API");
        data.put("payment_type", "P2P");
        data.put("fees_by", "sellers");
        data.put("merchant", merchantName(merchant));
        data.put("date_processed", charge.createdAt().getEpochSecond());
        data.put(
                "date_paid_failed",
                charge.processedAt().map(Instant::getEpochSecond).orElse(null));
        Map<String, Object> fields = Envelope.object();
        fields.put("payment_status", PeerwalletWire.paymentStatus(TransactionStatus.of(charge)));
        fields.put("invoice_id", charge.id());
        fields.put("receipt_id", charge.bankTransactionId().orElse(charge.id()));
        fields.put("data", data);
        PeerwalletAnswer.done(ctx, "Transaction fetched!", fields);
    }

    /**
     * The Peere API key from the route's header (or the other Peerwallet key header, or the same names as POST
     * values), authenticated, rate-limited and checked to be a merchant's, in the main API's order.
     */
    private Principal authenticate(Context ctx, String keyName) {
        String other = keyName.equals(PUBLIC_KEY) ? PRIVATE_KEY : PUBLIC_KEY;
        Optional<String> presented = header(ctx, keyName)
                .or(() -> header(ctx, other))
                .or(() -> formField(ctx, keyName))
                .or(() -> formField(ctx, other));
        if (presented.isEmpty()) {
            throw new PeerwalletRefusal(
                    ErrorCode.AUTHENTICATION_REQUIRED, "Send your Peere API key in the " + keyName + " header.");
        }
        Principal principal = switch (authentication.authenticate(presented.get())) {
            case Authentication.Authenticated ok -> ok.principal();
            case Authentication.Rejected rejected -> throw keyRefusal(rejected.reason());
        };
        MDC.put(Authenticator.MDC_PARTICIPANT, principal.participantId().value());
        rateLimiting.admit(ctx, principal);
        if (principal.role() != Role.MERCHANT) {
            throw new PeerwalletRefusal(
                    ErrorCode.INSUFFICIENT_PERMISSIONS, "Only a merchant's API key may call the Peerwallet routes.");
        }
        return principal;
    }

    private static Optional<String> header(Context ctx, String name) {
        return Optional.ofNullable(ctx.header(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Optional<String> formField(Context ctx, String name) {
        if (!PeerwalletForm.isForm(ctx)) {
            return Optional.empty();
        }
        return Optional.ofNullable(ctx.formParam(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static PeerwalletRefusal keyRefusal(AuthenticateApiKey.Rejection reason) {
        return switch (reason) {
            case MALFORMED_KEY -> new PeerwalletRefusal(ErrorCode.INVALID_API_KEY, "That is not a Peere API key.");
            case UNKNOWN_KEY -> new PeerwalletRefusal(ErrorCode.INVALID_API_KEY, "Unknown API key.");
            case REVOKED_KEY -> new PeerwalletRefusal(ErrorCode.API_KEY_REVOKED, "This API key was revoked.");
            case PARTICIPANT_SUSPENDED ->
                new PeerwalletRefusal(ErrorCode.PARTICIPANT_SUSPENDED, "This merchant is suspended.");
        };
    }

    /** The customer details sent, as a JSON object with sorted keys (the canonical form metadata is kept in). */
    private Optional<Metadata> customerDetails(PeerwalletForm form) {
        Map<String, String> details = new TreeMap<>();
        for (String field : CUSTOMER_FIELDS) {
            form.optional(field, CUSTOMER_FIELD_LENGTH_MAX).ifPresent(value -> details.put(field, value));
        }
        if (details.isEmpty()) {
            return Optional.empty();
        }
        String json;
        try {
            json = mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings writes as JSON", e);
        }
        if (json.length() > Metadata.LENGTH_MAX) {
            form.refuse(
                    "fname",
                    "too_long",
                    "and the other customer details together must be at most " + Metadata.LENGTH_MAX
                            + " characters as JSON");
            return Optional.empty();
        }
        return Optional.of(new Metadata(json));
    }

    private String defaultDescription(Principal merchant) {
        String description = DESCRIPTION_PREFIX + merchantName(merchant);
        return description.length() <= PaymentLink.DESCRIPTION_LENGTH_MAX
                ? description
                : description.substring(0, PaymentLink.DESCRIPTION_LENGTH_MAX);
    }

    private String merchantName(Principal merchant) {
        return peere.findParticipants()
                .find(merchant.mode(), merchant.participantId())
                .map(Participant::name)
                .orElseThrow(() -> new IllegalStateException("an authenticated merchant exists"));
    }

    private static boolean isLinkId(String id) {
        return id.startsWith(PaymentLink.ID_PREFIX + "_");
    }

    private static <T> T orRefuse(Result<T> result) {
        return switch (result) {
            case Result.Ok<T> ok -> ok.value();
            case Result.Refused<T> refused -> throw PeerwalletAnswer.of(refused);
        };
    }

    /**
     * Every outcome in Peerwallet's shape: a refusal from here or from the shared machinery (the rate limit, a body
     * over the size limit), and a bug, which is logged with the request id and answered without its details.
     */
    private static Handler answered(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (PeerwalletRefusal refusal) {
                PeerwalletAnswer.refusal(ctx, refusal);
            } catch (ApiProblem problem) {
                PeerwalletAnswer.refusal(ctx, PeerwalletAnswer.of(problem));
            } catch (HttpResponseException e) {
                String note = e.getMessage() == null ? "Request refused." : e.getMessage();
                PeerwalletAnswer.refusal(ctx, new PeerwalletRefusal(ErrorCode.forStatus(e.getStatus()), note));
            } catch (Exception e) {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                PeerwalletAnswer.refusal(
                        ctx,
                        new PeerwalletRefusal(
                                ErrorCode.INTERNAL_ERROR, "Something went wrong on our side; quote the request_id."));
            }
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
