package network.peere.core.services.link;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.LinkPaymentStatus;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.AmountParser;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.policy.Capability;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.RunState;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookSecret;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.link.ManagePaymentLinks;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.ports.out.SecretCipher;
import network.peere.core.ports.out.WebhookUrlPolicy;
import network.peere.core.services.billing.BillingSettings;
import network.peere.core.services.billing.Parties;
import network.peere.core.services.webhook.WebhookDeliveryService;

/**
 * Payment links: created by a merchant (or its provider), read and deactivated by it. Checks in precedence order:
 * merchant, amount, minimum, callback URL, then the secret's uniqueness (the store's unique key decides).
 */
public final class PaymentLinkService implements ManagePaymentLinks {
    /** Runs read to find a link's last paid one: its latest periods come first. */
    static final int RUNS_READ_MAX = 50;

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final RandomSource random;
    private final BillingSettings settings;
    private final WebhookUrlPolicy urls;
    private final SecretCipher cipher;
    private final WebhookDeliveryService deliveries;
    private final LinkPaymentService payments;
    private final Parties parties;

    /** The webhook parts links use: the URL policy for callback URLs, the cipher for keys, the delivery queue. */
    public record Webhooks(WebhookUrlPolicy urls, SecretCipher cipher, WebhookDeliveryService deliveries) {
        public Webhooks {
            Objects.requireNonNull(urls, "urls");
            Objects.requireNonNull(cipher, "cipher");
            Objects.requireNonNull(deliveries, "deliveries");
        }
    }

    public PaymentLinkService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            RandomSource random,
            BillingSettings settings,
            Webhooks webhooks,
            LinkPaymentService payments) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.urls = webhooks.urls();
        this.cipher = webhooks.cipher();
        this.deliveries = webhooks.deliveries();
        this.payments = Objects.requireNonNull(payments, "payments");
        this.parties = new Parties(stores);
    }

    @Override
    public Result<Created> create(Create command) {
        Capability needed = command.duration().isPresent() ? Capability.RECURRING_SCHEDULE : Capability.ONE_TIME_INTENT;
        Result<Participant> acting = parties.actingMerchant(command.caller(), needed);
        if (!(acting instanceof Result.Ok<Participant> ok)) {
            return acting.refusalAs();
        }
        Participant merchant = ok.value();
        if (!(AmountParser.parse(command.amount(), command.currency()) instanceof AmountParser.Parsed.Valid valid)) {
            return Result.refused(BillingProblem.INVALID_AMOUNT);
        }
        Money amount = valid.money();
        if (amount.compareTo(settings.minimum(amount.currency())) < 0) {
            return Result.refused(BillingProblem.AMOUNT_BELOW_MINIMUM);
        }
        if (urls.check(merchant.mode(), command.callbackUrl()) instanceof WebhookUrlPolicy.Verdict.Refused) {
            return Result.refused(BillingProblem.CALLBACK_URL_NOT_ALLOWED);
        }
        var terms = new PaymentLink.Terms(
                amount,
                command.description(),
                command.customerEmail(),
                command.secret(),
                command.callbackUrl(),
                command.duration(),
                command.metadata());
        return stores.transactor().inTransaction(() -> {
            PaymentLink link = PaymentLink.create(
                    ids.newId(PaymentLink.ID_PREFIX), merchant.mode(), merchant.id(), terms, clock.now());
            if (!stores.paymentLinks().insert(link)) {
                return Result.refused(BillingProblem.DUPLICATE_LINK_SECRET);
            }
            return Result.ok(new Created(link, callbackKey(merchant.mode(), merchant.id())));
        });
    }

    /**
     * The merchant's key, made on its first link; of two first links at once, the first insert wins for both. A
     * {@code whsec_} secret, sealed at rest: it keys the callbacks' signatures as well as their header.
     */
    private String callbackKey(Mode mode, ParticipantId merchantId) {
        Optional<SealedSecret> existing = stores.paymentLinks().callbackKey(mode, merchantId);
        if (existing.isPresent()) {
            return cipher.open(existing.get()).reveal();
        }
        WebhookSecret fresh = WebhookSecret.generate(random.bytes(WebhookSecret.RANDOM_BYTES));
        if (stores.paymentLinks().insertCallbackKey(mode, merchantId, cipher.seal(fresh))) {
            return fresh.reveal();
        }
        return stores.paymentLinks()
                .callbackKey(mode, merchantId)
                .map(stored -> cipher.open(stored).reveal())
                .orElseThrow(() -> new IllegalStateException("a callback key insert lost to a key that is not there"));
    }

    @Override
    public Result<Page<PaymentLink>> list(Caller caller, PageRequest page) {
        Result<Participant> acting = parties.actingMerchant(caller);
        if (!(acting instanceof Result.Ok<Participant> ok)) {
            return acting.refusalAs();
        }
        Page<PaymentLink> result =
                stores.paymentLinks().list(caller.mode(), ok.value().id(), page);
        return Result.ok(new Page<>(List.copyOf(result.items()), result.total()));
    }

    @Override
    public Result<PaymentLink> get(Caller caller, String linkId) {
        Result<Participant> acting = parties.actingMerchant(caller);
        if (!(acting instanceof Result.Ok<Participant> ok)) {
            return acting.refusalAs();
        }
        return stores.paymentLinks()
                .find(caller.mode(), linkId)
                .filter(l -> l.merchantId().equals(ok.value().id()))
                .<Result<PaymentLink>>map(Result::ok)
                .orElseGet(() -> Result.refused(BillingProblem.PAYMENT_LINK_NOT_FOUND));
    }

    @Override
    public Result<PaymentLink> deactivate(Caller caller, String linkId) {
        return stores.transactor().inTransaction(() -> {
            Result<PaymentLink> found = get(caller, linkId);
            if (!(found instanceof Result.Ok<PaymentLink> ok)) {
                return found;
            }
            PaymentLink next = ok.value().deactivated(clock.now());
            if (next != ok.value() && !stores.paymentLinks().update(next)) {
                return Result.refused(BillingProblem.CONCURRENT_MODIFICATION);
            }
            return Result.ok(next);
        });
    }

    @Override
    public Result<Verification> verify(Caller caller, String linkId) {
        Result<PaymentLink> found = get(caller, linkId);
        if (!(found instanceof Result.Ok<PaymentLink> ok)) {
            return found.refusalAs();
        }
        return Result.ok(verification(ok.value()));
    }

    @Override
    public Result<Verification> verifyBySecret(Caller caller, String secret) {
        Result<Participant> acting = parties.actingMerchant(caller);
        if (!(acting instanceof Result.Ok<Participant> ok)) {
            return acting.refusalAs();
        }
        return stores.paymentLinks()
                .findBySecret(caller.mode(), ok.value().id(), secret)
                .<Result<Verification>>map(link -> Result.ok(verification(link)))
                .orElseGet(() -> Result.refused(BillingProblem.PAYMENT_LINK_NOT_FOUND));
    }

    /** The payment holding the link (else the latest), its last paid run's charge, and its next due time. */
    private Verification verification(PaymentLink link) {
        Optional<LinkPayment> latest = stores.paymentLinks()
                .holdingPayment(link.mode(), link.id())
                .or(() -> stores.paymentLinks().payments(link.mode(), link.id(), 1).stream()
                        .findFirst());
        Optional<String> lastCharge = latest.flatMap(LinkPayment::scheduleId)
                .flatMap(id -> stores.recurring().runs(link.mode(), id, RUNS_READ_MAX).stream()
                        .filter(run -> run.state() == RunState.PAID)
                        .findFirst())
                .flatMap(Run::chargeId);
        boolean paid = latest.map(p -> p.status() == LinkPaymentStatus.PAID || p.status() == LinkPaymentStatus.ACTIVE)
                .orElse(false);
        return new Verification(
                link,
                latest,
                paid,
                lastCharge,
                latest.flatMap(LinkPayment::lastPaidAt),
                latest.flatMap(payments::nextDueAt));
    }

    @Override
    public Result<List<LinkPayment>> payments(Caller caller, String linkId) {
        Result<PaymentLink> found = get(caller, linkId);
        if (!(found instanceof Result.Ok<PaymentLink> ok)) {
            return found.refusalAs();
        }
        return Result.ok(
                stores.paymentLinks().payments(ok.value().mode(), ok.value().id(), PAYMENTS_SHOWN_MAX));
    }

    @Override
    public Result<Page<DeliveryRecord>> callbacks(
            Caller caller, String linkId, Optional<DeliveryStatus> status, PageRequest page) {
        Result<PaymentLink> found = get(caller, linkId);
        if (!(found instanceof Result.Ok<PaymentLink> ok)) {
            return found.refusalAs();
        }
        PaymentLink link = ok.value();
        return Result.ok(stores.webhookDeliveries()
                .list(link.mode(), link.merchantId(), new WebhookEndpointId(link.id()), status, page));
    }

    @Override
    public Result<String> replayCallback(Caller caller, String linkId, String eventId) {
        Result<PaymentLink> found = get(caller, linkId);
        if (!(found instanceof Result.Ok<PaymentLink> ok)) {
            return found.refusalAs();
        }
        PaymentLink link = ok.value();
        return deliveries
                .replayToLink(link.mode(), link.merchantId(), link.id(), eventId, Actor.of(caller.principal()))
                .<Result<String>>map(Result::ok)
                .orElseGet(() -> Result.refused(BillingProblem.CALLBACK_NOT_FOUND));
    }
}
