package network.peere.core.services.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementFilter;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.LimitStatus;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.policy.Capability;
import network.peere.core.domain.participant.policy.MerchantPolicy;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.FindAgreements;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.SendBillingIntents;
import network.peere.core.ports.in.identity.ResolvePhrase;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RandomSource;

/**
 * Intents and the agreements they become: merchants ask, banks decide and change their decisions, either side
 * revokes, and parties read. Each intent, decision or change is one transaction with its webhook.
 */
public final class IntentService implements SendBillingIntents, AnswerIntents, FindAgreements {
    /** The furthest ahead an agreement's expiry may lie. */
    static final java.time.Duration EXPIRY_HORIZON = java.time.Duration.ofDays(100L * 366);
    /** 192 random bits: an agreement phrase cannot be guessed. */
    private static final int PHRASE_BYTES = 24;

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final RandomSource random;
    private final ResolvePhrase phrases;
    private final BillingSettings settings;
    private final Parties parties;
    private final BillingEvents events;
    private final AgreementOutcomes outcomes;

    public IntentService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            RandomSource random,
            ResolvePhrase phrases,
            BillingSettings settings,
            network.peere.core.ports.in.webhook.PublishEvents publisher,
            AgreementOutcomes outcomes) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.random = Objects.requireNonNull(random, "random");
        this.phrases = Objects.requireNonNull(phrases, "phrases");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parties = new Parties(stores);
        this.events = new BillingEvents(publisher, parties);
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    }

    // ---- intents

    @Override
    public Result<List<Item>> send(SendBillingIntents.Command command) {
        Result<Participant> acting = parties.actingMerchant(command.caller(), capability(command.type()));
        if (!(acting instanceof Result.Ok<Participant> ok)) {
            return acting.refusalAs();
        }
        Participant merchant = ok.value();
        if (command.lookupPhrases().isEmpty()
                || command.lookupPhrases().size() > MerchantPolicy.maxPhrasesPerBatch(merchant)) {
            return Result.refused(BillingProblem.BATCH_TOO_LARGE);
        }
        Optional<Money> amount = Optional.empty();
        if (command.amount().isPresent()) {
            amount = Amounts.money(command.amount().get(), command.currency());
            if (amount.isEmpty()) {
                return Result.refused(BillingProblem.INVALID_AMOUNT);
            }
        }
        Optional<SpendingLimits> asked = Amounts.limits(command.requestedLimits(), command.currency());
        if (asked.isEmpty()) {
            return Result.refused(BillingProblem.INVALID_AMOUNT);
        }
        SpendingLimits requested = oneTimeCap(command.type(), amount, asked.get());
        List<Item> items = new ArrayList<>();
        for (String phrase : command.lookupPhrases()) {
            var proposal = new Proposal(command, merchant, amount, requested);
            items.add(new Item(phrase, stores.transactor().inTransaction(() -> propose(proposal, phrase))));
        }
        return Result.ok(items);
    }

    private record Proposal(
            SendBillingIntents.Command command,
            Participant merchant,
            Optional<Money> amount,
            SpendingLimits requested) {}

    /** A one-time intent with an amount never allows a bigger charge than that amount. */
    private static SpendingLimits oneTimeCap(IntentType type, Optional<Money> amount, SpendingLimits asked) {
        if (type != IntentType.ONE_TIME || amount.isEmpty()) {
            return asked;
        }
        Map<LimitKind, Money> caps = new EnumMap<>(LimitKind.class);
        caps.putAll(asked.caps());
        caps.merge(LimitKind.SINGLE, amount.get(), Money::min);
        return new SpendingLimits(asked.currency(), caps);
    }

    private static Capability capability(IntentType type) {
        return switch (type) {
            case ONE_TIME -> Capability.ONE_TIME_INTENT;
            case RECURRING -> Capability.RECURRING_INTENT;
            case ON_DEMAND -> Capability.ON_DEMAND_INTENT;
        };
    }

    private Result<Agreement> propose(Proposal p, String lookupPhrase) {
        Mode mode = p.merchant().mode();
        Customer customer;
        switch (phrases.forMerchant(mode, p.merchant().id(), lookupPhrase)) {
            case ResolvePhrase.Resolution.Resolved resolved -> customer = resolved.customer();
            case ResolvePhrase.Resolution.Refused refused -> {
                return Result.refused(
                        refused.reason() == ResolvePhrase.Reason.CUSTOMER_GONE
                                ? BillingProblem.CUSTOMER_NOT_FOUND
                                : BillingProblem.PHRASE_NOT_FOUND);
            }
        }
        if (parties.activeBank(mode, customer.bankId()).isEmpty()) {
            return Result.refused(BillingProblem.BANK_UNAVAILABLE);
        }
        if (stores.agreements()
                .isBlocked(mode, customer.bankId(), customer.id(), p.merchant().id())) {
            return Result.refused(BillingProblem.MERCHANT_BLOCKED);
        }
        var now = clock.now();
        var command = p.command();
        Agreement agreement = Agreement.propose(
                ids.newId(Agreement.ID_PREFIX),
                ids.newId(Agreement.INTENT_PREFIX),
                newAgreementPhrase(),
                new Agreement.Proposal(
                        mode,
                        p.merchant().id(),
                        customer.bankId(),
                        customer.id(),
                        lookupPhrase,
                        command.type(),
                        command.description(),
                        p.amount(),
                        p.requested(),
                        command.metadata()),
                now.plus(settings.intentTtl()),
                now);
        stores.agreements().insert(agreement);
        events.intentSent(agreement, customer, p.merchant());
        return Result.ok(agreement);
    }

    private String newAgreementPhrase() {
        return Agreement.PHRASE_PREFIX + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(PHRASE_BYTES));
    }

    // ---- decisions

    @Override
    public Result<Agreement> respond(Response response) {
        return answerIntent(response.bank().mode(), response.bank().participantId(), response);
    }

    /** Also the sandbox bank's way in: the same checks and effects as a real bank's call. */
    Result<Agreement> answerIntent(Mode mode, ParticipantId bankId, Response response) {
        return stores.transactor().inTransaction(() -> {
            Optional<Agreement> found = stores.agreements()
                    .lockByIntentReference(mode, bankId, response.intentReference())
                    .filter(a -> response.customerId()
                            .map(a.customerId().value()::equals)
                            .orElse(true))
                    .filter(a ->
                            response.merchantId().map(a.merchantId()::equals).orElse(true))
                    .filter(a -> response.customerPhrase()
                            .map(phrase -> namesCustomer(a, phrase))
                            .orElse(true));
            if (found.isEmpty()) {
                return Result.refused(BillingProblem.INTENT_NOT_FOUND);
            }
            Agreement agreement = found.get();
            var now = clock.now();
            // Expired unanswered, not an answered agreement that reached its own expiry later.
            boolean unanswered = agreement.decidedAt().isEmpty();
            if ((agreement.status() == AgreementStatus.EXPIRED && unanswered)
                    || (agreement.status() == AgreementStatus.PENDING && !agreement.awaitsDecision(now))) {
                return Result.refused(BillingProblem.INTENT_EXPIRED);
            }
            if (agreement.status() != AgreementStatus.PENDING) {
                return Result.refused(BillingProblem.INTENT_ALREADY_ANSWERED);
            }
            Optional<SpendingLimits> granted = Optional.empty();
            if (response.limits().isPresent()) {
                granted = Amounts.limits(response.limits().get(), agreement.currency());
                if (granted.isEmpty()) {
                    return Result.refused(BillingProblem.INVALID_AMOUNT);
                }
            }
            Optional<Instant> expiry = response.expiresAt().map(IntentService::toMicros);
            if (expiry.isPresent() && !isValidExpiry(expiry.get(), now)) {
                return Result.refused(BillingProblem.INVALID_EXPIRY);
            }
            return store(agreement.decide(response.decision(), granted, response.blockMerchant(), expiry, now));
        });
    }

    /** An agreement's end: after now, and within {@link #EXPIRY_HORIZON} (what every store can hold). */
    private static boolean isValidExpiry(Instant expiry, Instant now) {
        return expiry.isAfter(now) && !expiry.isAfter(now.plus(EXPIRY_HORIZON));
    }

    /** Stored to the microsecond, as every instant is: the answer and the webhook show what was stored. */
    private static Instant toMicros(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** The bank may send back the merchant's lookup phrase it received, or its own phrase for the customer. */
    private boolean namesCustomer(Agreement agreement, String phrase) {
        if (phrase.equals(agreement.lookupPhrase())) {
            return true;
        }
        return phrases.forBank(agreement.mode(), agreement.bankId(), phrase)
                        instanceof ResolvePhrase.Resolution.Resolved resolved
                && resolved.customer().id().equals(agreement.customerId());
    }

    @Override
    public Result<Agreement> change(Change change) {
        Principal bank = change.bank();
        return stores.transactor().inTransaction(() -> {
            Optional<Agreement> found = stores.agreements()
                    .lock(bank.mode(), change.customerDecisionId())
                    .filter(a -> a.bankId().equals(bank.participantId()));
            if (found.isEmpty()) {
                return Result.refused(BillingProblem.AGREEMENT_NOT_FOUND);
            }
            Agreement agreement = found.get();
            if (agreement.status() == AgreementStatus.PENDING) {
                return Result.refused(BillingProblem.AGREEMENT_NOT_APPROVED);
            }
            var now = clock.now();
            // Past its expiry an agreement is over even before the sweep records it: nothing revives it.
            if (agreement.status().isFinal() || agreement.isLapsed(now)) {
                // Only the block may still change: a denial with blockMerchant would otherwise block for ever.
                boolean blockOnly = change.decision().isEmpty()
                        && change.limits().isEmpty()
                        && change.expiry().isEmpty()
                        && change.blockMerchant().isPresent();
                if (!blockOnly) {
                    return Result.refused(BillingProblem.AGREEMENT_FINAL);
                }
                boolean block = change.blockMerchant().get();
                // The same block again changes nothing and tells nobody.
                return block == agreement.blockMerchant()
                        ? Result.ok(agreement)
                        : store(agreement.withBlockMerchant(block, now));
            }
            Optional<SpendingLimits> granted = Optional.empty();
            if (change.limits().isPresent()) {
                granted = Amounts.limits(change.limits().get(), agreement.currency());
                if (granted.isEmpty()) {
                    return Result.refused(BillingProblem.INVALID_AMOUNT);
                }
            }
            Optional<Instant> expiry = change.expiry().isPresent()
                    ? change.expiry().get().at().map(IntentService::toMicros)
                    : agreement.expiresAt();
            if (change.expiry().isPresent() && expiry.isPresent() && !isValidExpiry(expiry.get(), now)) {
                return Result.refused(BillingProblem.INVALID_EXPIRY);
            }
            CustomerDecision decision =
                    change.decision().orElseGet(() -> agreement.decision().orElseThrow());
            boolean block = change.blockMerchant().orElse(agreement.blockMerchant());
            return store(agreement.decide(decision, granted, block, expiry, now));
        });
    }

    @Override
    public Result<Agreement> revoke(Caller caller, String customerDecisionId) {
        return stores.transactor().inTransaction(() -> {
            Optional<Agreement> found = stores.agreements()
                    .lock(caller.mode(), customerDecisionId)
                    .filter(a -> parties.isParty(caller, a.merchantId(), a.bankId()));
            if (found.isEmpty()) {
                return Result.refused(BillingProblem.AGREEMENT_NOT_FOUND);
            }
            Agreement agreement = found.get();
            if (agreement.status() == AgreementStatus.REVOKED) {
                return Result.ok(agreement);
            }
            if (agreement.status().isFinal()) {
                return Result.refused(BillingProblem.AGREEMENT_FINAL);
            }
            Result<Agreement> stored = store(agreement.revoke(clock.now()));
            if (stored instanceof Result.Ok<Agreement> ok && caller.principal().role() != Role.BANK) {
                events.revokedByMerchant(ok.value());
            }
            return stored;
        });
    }

    /** Stores a decided agreement (the row is locked by the caller) and tells the merchant side. */
    private Result<Agreement> store(Agreement changed) {
        if (!stores.agreements().update(changed)) {
            return Result.refused(BillingProblem.CONCURRENT_MODIFICATION);
        }
        events.decisionMade(changed, parties.merchant(changed.mode(), changed.merchantId()));
        outcomes.changed(changed);
        return Result.ok(changed);
    }

    /**
     * Live agreements whose bank-set expiry has come: recorded EXPIRED, and the merchant hears {@code expired} as for
     * an intent. Bills were already refused from the expiry instant; this makes reads and schedules agree.
     */
    int expireAgreements(int limit) {
        return expireEach(stores.agreements().pastExpiry(clock.now(), limit), Agreement::isLapsed);
    }

    /** Intents nobody answered by their due date: the merchant hears {@code expired}. */
    int expireIntents(int limit) {
        return expireEach(
                stores.agreements().dueForExpiry(clock.now(), limit),
                (a, now) -> a.status() == AgreementStatus.PENDING && !now.isBefore(a.dueDate()));
    }

    /** Each listed one in its own transaction, if still due once locked; how many expired. */
    private int expireEach(List<Agreement> listed, java.util.function.BiPredicate<Agreement, Instant> stillDue) {
        int expired = 0;
        for (Agreement due : listed) {
            boolean moved = stores.transactor().inTransaction(() -> {
                var now = clock.now();
                Optional<Agreement> current =
                        stores.agreements().lock(due.mode(), due.id()).filter(a -> stillDue.test(a, now));
                if (current.isEmpty()) {
                    return false;
                }
                return store(current.get().expire(now)) instanceof Result.Ok<Agreement>;
            });
            expired += moved ? 1 : 0;
        }
        return expired;
    }

    // ---- reads

    @Override
    public Result<Page<Agreement>> list(Caller caller, AgreementFilter filter, PageRequest page) {
        return switch (parties.readableMerchants(caller)) {
            case Result.Ok<MerchantScope> ok ->
                Result.ok(asOfNow(stores.agreements().listForMerchants(caller.mode(), ok.value(), filter, page)));
            case Result.Refused<MerchantScope> refused -> refused.refusalAs();
        };
    }

    @Override
    public Result<Agreement> find(Caller caller, String customerDecisionId) {
        return stores.agreements()
                .find(caller.mode(), customerDecisionId)
                .filter(a -> parties.isParty(caller, a.merchantId(), a.bankId()))
                .<Result<Agreement>>map(a -> Result.ok(a.asOf(clock.now())))
                .orElseGet(() -> Result.refused(BillingProblem.AGREEMENT_NOT_FOUND));
    }

    /** Reads show an agreement past its expiry as expired from that instant, before the sweep records it. */
    private Page<Agreement> asOfNow(Page<Agreement> page) {
        var now = clock.now();
        return new Page<>(page.items().stream().map(a -> a.asOf(now)).toList(), page.total());
    }

    @Override
    public Result<LimitReport> limits(Caller caller, String customerDecisionId) {
        return switch (find(caller, customerDecisionId)) {
            case Result.Ok<Agreement> ok -> Result.ok(limitReport(ok.value()));
            case Result.Refused<Agreement> refused -> refused.refusalAs();
        };
    }

    private LimitReport limitReport(Agreement agreement) {
        var now = clock.now();
        var zone = stores.participants()
                .find(agreement.mode(), agreement.bankId())
                .map(parties::zoneOf)
                .orElse(network.peere.core.domain.participant.Profile.BankProfile.DEFAULT_TIME_ZONE);
        Money unit = new Money(1, agreement.currency());
        // One reservation per windowed kind the agreement caps, to name the current windows (nothing is reserved).
        var windows = WindowReservation.forCharge(agreement.limits(), unit, now, zone);
        var used = stores.limitUsage().used(agreement.mode(), agreement.id(), windows);
        return new LimitReport(agreement, LimitStatus.of(agreement.limits(), used, now, zone), now);
    }

    @Override
    public Result<Page<Agreement>> forCustomer(Principal bank, CustomerId customerId, PageRequest page) {
        if (stores.customers()
                .find(bank.mode(), bank.participantId(), customerId)
                .isEmpty()) {
            return Result.refused(BillingProblem.CUSTOMER_NOT_FOUND);
        }
        return Result.ok(
                asOfNow(stores.agreements().listForCustomer(bank.mode(), bank.participantId(), customerId, page)));
    }
}
