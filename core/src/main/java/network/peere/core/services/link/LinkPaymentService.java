package network.peere.core.services.link;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.LinkPaymentStatus;
import network.peere.core.domain.link.LinkStatus;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.SendBillingIntents;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.identity.ResolvePhrase;
import network.peere.core.ports.in.link.PayLinks;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.billing.AgreementOutcomes;
import network.peere.core.services.recurring.RecurringService;

/**
 * The pay page's use cases, and what an answered link intent starts. Paying sends a billing intent on the merchant's
 * behalf (one-time for a one-off link, recurring with the link's amount as its {@code single} limit otherwise) and
 * records the payment, both in one transaction; the link's unique "held" key lets only one payment hold a link. When
 * the bank approves, the payment's schedule is made and its first period billed in the decision's own transaction.
 */
public final class LinkPaymentService implements PayLinks, AgreementOutcomes {
    /** The key id the pay page acts under when it sends a merchant's intent (audit shows it). */
    static final ApiKeyId PAY_PAGE_KEY = new ApiKeyId("pay_page");

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final LookUpCustomer lookups;
    private final ResolvePhrase phrases;
    private final SendBillingIntents intents;
    private final AnswerIntents answers;
    private final RecurringService recurring;

    public LinkPaymentService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            LookUpCustomer lookups,
            ResolvePhrase phrases,
            SendBillingIntents intents,
            AnswerIntents answers,
            RecurringService recurring) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.phrases = Objects.requireNonNull(phrases, "phrases");
        this.intents = Objects.requireNonNull(intents, "intents");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.recurring = Objects.requireNonNull(recurring, "recurring");
    }

    /** A link id is random, so it names one link in whichever mode has it. */
    private Optional<PaymentLink> link(String linkId) {
        for (Mode mode : Mode.values()) {
            Optional<PaymentLink> found = stores.paymentLinks().find(mode, linkId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public Result<PayPage> page(String linkId) {
        Optional<PaymentLink> found = link(linkId);
        if (found.isEmpty()) {
            return Result.refused(BillingProblem.PAYMENT_LINK_NOT_FOUND);
        }
        PaymentLink link = found.get();
        String merchant = stores.participants()
                .find(link.mode(), link.merchantId())
                .map(Participant::name)
                .orElse("");
        // While a payment waits for its bank the page stays open: its payer, reloading, gets that payment back.
        boolean payable = link.status() == LinkStatus.ACTIVE
                && stores.paymentLinks()
                        .holdingPayment(link.mode(), link.id())
                        .map(p -> p.status() == LinkPaymentStatus.AWAITING_APPROVAL)
                        .orElse(true);
        return Result.ok(new PayPage(link, merchant, payable));
    }

    @Override
    public Result<List<BankOption>> banks(String linkId, Identity identity) {
        Result<Found> found = find(linkId, identity);
        if (!(found instanceof Result.Ok<Found> ok)) {
            return found.refusalAs();
        }
        return Result.ok(ok.value().banks().stream()
                .map(b -> new BankOption(b.bankId(), b.bankName(), b.accountName()))
                .toList());
    }

    private record Found(PaymentLink link, List<LookUpCustomer.BankMatch> banks) {}

    /** The active link and the person's banks, seen as the link's merchant sees them. */
    private Result<Found> find(String linkId, Identity identity) {
        Optional<PaymentLink> found = link(linkId);
        if (found.isEmpty()) {
            return Result.refused(BillingProblem.PAYMENT_LINK_NOT_FOUND);
        }
        PaymentLink link = found.get();
        if (link.status() != LinkStatus.ACTIVE) {
            return Result.refused(BillingProblem.PAYMENT_LINK_INACTIVE);
        }
        Optional<String> only = link.terms().customerEmail();
        if (only.isPresent()
                && (identity.kind() != LookUpCustomer.Kind.EMAIL
                        || !only.get()
                                .toLowerCase(Locale.ROOT)
                                .equals(identity.value().toLowerCase(Locale.ROOT)))) {
            return Result.refused(BillingProblem.INVALID_IDENTITY);
        }
        var query = new LookUpCustomer.Query(
                link.mode(), link.merchantId(), Role.MERCHANT, Optional.empty(), identity.kind(), identity.value());
        return switch (lookups.lookUp(query)) {
            case LookUpCustomer.Lookup.Found banks -> Result.ok(new Found(link, banks.banks()));
            case LookUpCustomer.Lookup.Rejected rejected ->
                Result.refused(
                        switch (rejected.reason()) {
                            case INVALID_IDENTITY, DEVICE_LOOKUP_NOT_ALLOWED -> BillingProblem.INVALID_IDENTITY;
                            case MERCHANT_NOT_FOUND -> BillingProblem.MERCHANT_NOT_FOUND;
                            case CUSTOMER_NOT_FOUND -> BillingProblem.CUSTOMER_NOT_FOUND;
                        });
        };
    }

    @Override
    public Result<LinkPayment> pay(String linkId, Identity identity, ParticipantId bankId) {
        Result<Found> found = find(linkId, identity);
        if (!(found instanceof Result.Ok<Found> ok)) {
            return found.refusalAs();
        }
        PaymentLink link = ok.value().link();
        Optional<LookUpCustomer.BankMatch> match = ok.value().banks().stream()
                .filter(b -> b.bankId().equals(bankId))
                .findFirst();
        if (match.isEmpty()) {
            return Result.refused(BillingProblem.CUSTOMER_NOT_FOUND);
        }
        String phrase = match.get().phrase();
        if (!(phrases.forMerchant(link.mode(), link.merchantId(), phrase)
                instanceof ResolvePhrase.Resolution.Resolved resolved)) {
            return Result.refused(BillingProblem.CUSTOMER_NOT_FOUND);
        }
        Customer customer = resolved.customer();
        try {
            return stores.transactor().inTransaction(() -> start(link, customer, phrase));
        } catch (HeldByAnother held) {
            return held.answer;
        }
    }

    private Result<LinkPayment> start(PaymentLink read, Customer customer, String phrase) {
        // Read again in the transaction: a deactivation that committed since the page looked wins.
        PaymentLink link = stores.paymentLinks()
                .find(read.mode(), read.id())
                .filter(l -> l.status() == LinkStatus.ACTIVE)
                .orElse(null);
        if (link == null) {
            return Result.refused(BillingProblem.PAYMENT_LINK_INACTIVE);
        }
        var caller = Caller.of(new Principal(link.merchantId(), link.mode(), Role.MERCHANT, PAY_PAGE_KEY));
        Optional<LinkPayment> holding = stores.paymentLinks().holdingPayment(link.mode(), link.id());
        if (holding.isPresent()) {
            LinkPayment held = holding.get();
            if (held.customerId().equals(customer.id())) {
                return Result.ok(held);
            }
            if (!held.abandoned(clock.now())) {
                return Result.refused(
                        held.status() == LinkPaymentStatus.AWAITING_APPROVAL
                                ? BillingProblem.PAYMENT_LINK_BUSY
                                : BillingProblem.PAYMENT_LINK_ALREADY_PAID);
            }
            // Withdrawn as the merchant would: the bank hears agreement.revoked, the payment is declined (changed()).
            Result<Agreement> withdrawn = answers.revoke(caller, held.agreementId());
            if (!(withdrawn instanceof Result.Ok<Agreement>)) {
                return withdrawn.refusalAs();
            }
        }
        var terms = link.terms();
        var command = new SendBillingIntents.Command(
                caller,
                List.of(phrase),
                link.recurring() ? IntentType.RECURRING : IntentType.ONE_TIME,
                terms.amount().currency(),
                terms.description(),
                Optional.of(terms.amount().toMajor()),
                Map.of(LimitKind.SINGLE, terms.amount().toMajor()),
                terms.metadata());
        Result<List<SendBillingIntents.Item>> sent = intents.send(command);
        if (!(sent instanceof Result.Ok<List<SendBillingIntents.Item>> items)) {
            return sent.refusalAs();
        }
        Result<Agreement> proposed = items.value().get(0).result();
        if (!(proposed instanceof Result.Ok<Agreement> agreement)) {
            return proposed.refusalAs();
        }
        LinkPayment payment = LinkPayment.start(
                ids.newId(LinkPayment.ID_PREFIX),
                link,
                new LinkPayment.Payer(customer.bankId(), customer.id()),
                agreement.value().id(),
                clock.now());
        if (!stores.paymentLinks().insertPayment(payment)) {
            // Another customer's payment took the link a moment ago: roll the intent back with it.
            Result<LinkPayment> answer = stores.paymentLinks()
                    .holdingPayment(link.mode(), link.id())
                    .filter(p -> p.customerId().equals(customer.id()))
                    .<Result<LinkPayment>>map(Result::ok)
                    .orElseGet(() -> Result.refused(BillingProblem.PAYMENT_LINK_BUSY));
            throw new HeldByAnother(answer);
        }
        return Result.ok(payment);
    }

    /** Unwinds a pay that lost the link to another at the unique key, intent and all. */
    private static final class HeldByAnother extends RuntimeException {
        private final transient Result<LinkPayment> answer;

        HeldByAnother(Result<LinkPayment> answer) {
            super("the link is held by another payment", null, false, false);
            this.answer = answer;
        }
    }

    @Override
    public Result<PaymentState> payment(String linkId, String paymentId) {
        Optional<LinkPayment> found = link(linkId)
                .flatMap(l -> stores.paymentLinks().findPayment(l.mode(), paymentId))
                .filter(p -> p.linkId().equals(linkId));
        if (found.isEmpty()) {
            return Result.refused(BillingProblem.LINK_PAYMENT_NOT_FOUND);
        }
        return Result.ok(new PaymentState(found.get(), nextDueAt(found.get())));
    }

    /** When the payment's schedule bills next, while it renews. */
    Optional<Instant> nextDueAt(LinkPayment payment) {
        return payment.scheduleId()
                .flatMap(id -> stores.recurring().find(payment.mode(), id))
                .filter(s -> s.status() == ScheduleStatus.ACTIVE)
                .map(Schedule::nextDueAt);
    }

    // ---- the bank's answer

    @Override
    public void changed(Agreement agreement) {
        recurring.agreementChanged(agreement);
        if (agreement.status() == AgreementStatus.PENDING) {
            return;
        }
        Optional<LinkPayment> waiting = stores.paymentLinks()
                .paymentByAgreement(agreement.mode(), agreement.id())
                .filter(p -> p.status() == LinkPaymentStatus.AWAITING_APPROVAL);
        if (waiting.isEmpty()) {
            return;
        }
        LinkPayment payment = waiting.get();
        var now = clock.now();
        if (agreement.status() != AgreementStatus.ACTIVE) {
            String reason =
                    agreement.decision().map(WireEnums::wireName).orElse(WireEnums.wireName(agreement.status()));
            require(stores.paymentLinks().updatePayment(payment.declined(reason, now)), payment);
            return;
        }
        PaymentLink link = stores.paymentLinks()
                .find(payment.mode(), payment.linkId())
                .orElseThrow(() -> new IllegalStateException("payment " + payment.id() + " of a missing link"));
        if (link.status() != LinkStatus.ACTIVE) {
            // Deactivated while the bank decided: nothing is charged (the merchant may revoke the agreement).
            require(stores.paymentLinks().updatePayment(payment.declined("payment_link_inactive", now)), payment);
            return;
        }
        LinkPayment approved = payment.approved(ids.newId(Schedule.ID_PREFIX), now);
        require(stores.paymentLinks().updatePayment(approved), payment);
        recurring.startForLink(approved.scheduleId().orElseThrow(), link, approved, agreement);
    }

    /** The agreement's row lock serialises a payment's changes while it awaits approval. */
    private static void require(boolean won, LinkPayment payment) {
        if (!won) {
            throw new IllegalStateException("link payment " + payment.id() + " changed under its agreement's lock");
        }
    }
}
