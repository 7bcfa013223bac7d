package network.peere.core.services.link;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.AmountParser;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.policy.Capability;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.link.ManagePaymentLinks;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.ports.out.WebhookUrlPolicy;
import network.peere.core.services.billing.BillingSettings;
import network.peere.core.services.billing.Parties;

/**
 * Payment links: created by a merchant (or its provider), read and deactivated by it. Checks in precedence order:
 * merchant, amount, minimum, callback URL, then the secret's uniqueness (the store's unique key decides).
 */
public final class PaymentLinkService implements ManagePaymentLinks {
    static final String CALLBACK_KEY_PREFIX = "cbk_";
    static final int CALLBACK_KEY_BYTES = 24;

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final RandomSource random;
    private final BillingSettings settings;
    private final WebhookUrlPolicy urls;
    private final Parties parties;

    public PaymentLinkService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            RandomSource random,
            BillingSettings settings,
            WebhookUrlPolicy urls) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.urls = Objects.requireNonNull(urls, "urls");
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

    /** The merchant's key, made on its first link; of two first links at once, the first insert wins for both. */
    private String callbackKey(Mode mode, ParticipantId merchantId) {
        Optional<String> existing = stores.paymentLinks().callbackKey(mode, merchantId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String fresh = CALLBACK_KEY_PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(CALLBACK_KEY_BYTES));
        if (stores.paymentLinks().insertCallbackKey(mode, merchantId, fresh)) {
            return fresh;
        }
        return stores.paymentLinks()
                .callbackKey(mode, merchantId)
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
}
