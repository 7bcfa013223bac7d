package network.peere.core.services.billing;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitCheck;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeFilter;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.Posting;
import network.peere.core.domain.money.MajorAmountBound;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.policy.Capability;
import network.peere.core.domain.participant.policy.MerchantPolicy;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.FindTransactions;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.RunBillingDeadlines;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.AgreementStore;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.money.FeeService;

/**
 * Billing requests: accepted in one short transaction per phrase (agreement row lock, conditional limit reservation,
 * charge, {@code billing.request}), answered by the bank (ledger postings on confirmation, limits given back on a
 * decline), expired when unanswered, and read as transactions.
 *
 * <p>Lock order, so concurrent bills, answers and expiries never deadlock: a bill locks its agreement row, then its
 * limit-usage rows, and inserts its charge; an answer or an expiry locks its charge row (an answer reads it locked,
 * the expiry takes it with its conditional update), then the agreement only when it changes it, then the limit-usage
 * rows. No path holds limit rows while waiting for an agreement, and a bill never waits for a charge row.
 */
public final class ChargeService
        implements BillCustomers, AnswerBillingRequests, FindTransactions, RunBillingDeadlines {
    public static final String JOURNAL_PREFIX = "jtx";

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final BillingSettings settings;
    private final Parties parties;
    private final BillingEvents events;
    private final IntentService intents;
    private final FeeService fees;
    private final RenewalOutcomes renewals;

    public ChargeService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            BillingSettings settings,
            PublishEvents publisher,
            IntentService intents,
            FeeService fees) {
        this(stores, clock, ids, settings, publisher, intents, fees, RenewalOutcomes.NONE);
    }

    /** With the renewal engine, which hears how the charges it submitted end. */
    public ChargeService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            BillingSettings settings,
            PublishEvents publisher,
            IntentService intents,
            FeeService fees,
            RenewalOutcomes renewals) {
        this.renewals = Objects.requireNonNull(renewals, "renewals");
        this.fees = Objects.requireNonNull(fees, "fees");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parties = new Parties(stores);
        this.events = new BillingEvents(publisher, parties);
        this.intents = Objects.requireNonNull(intents, "intents");
    }

    // ---- bill

    @Override
    public Result<List<Item>> bill(BillCustomers.Command command) {
        int phrases = command.agreementPhrases().size();
        Supplier<Result<Participant>> current =
                () -> withinBatch(parties.actingMerchant(command.caller(), Capability.BILL), phrases);
        // Authentication's copy of a merchant's own participant saves a read when it may bill (billOne checks its
        // version); anything else, a refusal on that copy too (trust raised since), is decided on the committed one.
        Result<Participant> acting = parties.authenticatedMerchant(command.caller())
                .map(copy -> withinBatch(parties.allowedTo(copy, Capability.BILL), phrases))
                .filter(copied -> copied instanceof Result.Ok<Participant>)
                .orElseGet(current);
        if (!(acting instanceof Result.Ok<Participant> ok)) {
            return acting.refusalAs();
        }
        if (phrases == 0) {
            return Result.refused(BillingProblem.BATCH_TOO_LARGE);
        }
        Participant merchant = ok.value();
        Optional<Money> parsed = Amounts.money(command.amount(), command.currency());
        if (parsed.isEmpty()) {
            return Result.refused(BillingProblem.INVALID_AMOUNT);
        }
        Money amount = parsed.get();
        if (amount.compareTo(settings.minimum(amount.currency())) < 0) {
            return Result.refused(BillingProblem.AMOUNT_BELOW_MINIMUM);
        }
        // The agreements are billed (and locked) in the order of their phrases, whatever order the phrases came in: a
        // bill inside a caller's transaction (an Idempotency-Key) holds every agreement it locked to the end, and two
        // such bills naming the same agreements in other orders would each wait for the other. Results keep the order
        // given; a phrase given twice is billed twice, in its given order.
        List<String> given = command.agreementPhrases();
        List<Integer> order = IntStream.range(0, given.size())
                .boxed()
                .sorted(Comparator.comparing(given::get))
                .toList();
        Item[] items = new Item[given.size()];
        for (int index : order) {
            String phrase = given.get(index);
            Bill bill = new Bill(command.description(), command.metadata(), command.dryRun(), Optional.empty());
            Result<Item> item =
                    stores.transactor().inTransaction(() -> billOne(bill, merchant, current, amount, phrase));
            items[index] = switch (item) {
                case Result.Ok<Item> done -> done.value();
                case Result.Refused<Item> refused -> new Item.Refused(phrase, refused);
            };
        }
        return Result.ok(List.of(items));
    }

    /** The merchant, if it may send this many phrases in one bill (its trust level decides). */
    private static Result<Participant> withinBatch(Result<Participant> merchant, int phrases) {
        return merchant instanceof Result.Ok<Participant> ok && phrases > MerchantPolicy.maxPhrasesPerBatch(ok.value())
                ? Result.refused(BillingProblem.BATCH_TOO_LARGE)
                : merchant;
    }

    /** What a bill says besides its amount; a schedule's runs name their schedule. */
    private record Bill(String description, Optional<Metadata> metadata, boolean dryRun, Optional<String> scheduleId) {}

    /** A recurring schedule's run, billed as any other billing request. */
    public record Renewal(
            Participant merchant,
            String agreementPhrase,
            Money amount,
            String description,
            Optional<Metadata> metadata,
            String scheduleId) {
        public Renewal {
            Objects.requireNonNull(merchant, "merchant");
            Objects.requireNonNull(agreementPhrase, "agreementPhrase");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(scheduleId, "scheduleId");
        }
    }

    /**
     * Internal to the renewal engine (not an inbound port): one run's billing request, with every check and effect of
     * {@link #bill}, joining the caller's transaction so the run's claim and its charge commit together.
     */
    public Result<Charge> billRenewal(Renewal renewal) {
        Bill bill = new Bill(renewal.description(), renewal.metadata(), false, Optional.of(renewal.scheduleId()));
        Participant merchant = renewal.merchant();
        Supplier<Result<Participant>> current =
                () -> parties.merchantAllowedTo(merchant.mode(), merchant.id(), Capability.BILL);
        return stores.transactor().inTransaction(() -> switch (billOne(
                bill, merchant, current, renewal.amount(), renewal.agreementPhrase())) {
            case Result.Ok<Item> ok when ok.value() instanceof Item.Accepted accepted -> Result.ok(accepted.charge());
            case Result.Ok<Item> other -> throw new IllegalStateException("a renewal is never a dry run");
            case Result.Refused<Item> refused -> refused.refusalAs();
        });
    }

    /**
     * Whether the customer's bank blocked the agreement's merchant, on this agreement or any other of the customer's
     * with that merchant: a block stops the next bill and the next schedule. This one is read as the caller holds it
     * (locked), the others as committed.
     */
    public boolean blocksItsMerchant(Agreement agreement) {
        return agreement.blockMerchant()
                || stores.agreements()
                        .isBlocked(
                                agreement.mode(), agreement.bankId(), agreement.customerId(), agreement.merchantId());
    }

    /**
     * One phrase, in its own transaction: refusals return before anything is written. {@code merchant} may have been
     * read a moment ago (by authentication, or before this transaction): when its version is not the one committed now,
     * {@code current} reads it again and decides whether it may still bill.
     */
    private Result<Item> billOne(
            Bill command, Participant given, Supplier<Result<Participant>> current, Money amount, String phrase) {
        Mode mode = given.mode();
        // One read: the agreement locked; the customer's block, the bank and the merchant's version as committed.
        Optional<AgreementStore.ForBilling> found = stores.agreements()
                .lockForBilling(mode, phrase)
                .filter(read -> read.agreement().merchantId().equals(given.id()));
        if (found.isEmpty()) {
            return Result.refused(BillingProblem.AGREEMENT_NOT_FOUND);
        }
        Participant merchant = given;
        if (found.get().merchantVersion() != given.version()) {
            Result<Participant> now = current.get();
            if (!(now instanceof Result.Ok<Participant> ok)) {
                return now.refusalAs();
            }
            merchant = ok.value();
        }
        Agreement agreement = found.get().agreement();
        var now = clock.now();
        Optional<Agreement.BillingRefusal> refusal = agreement.refusalToBill(now);
        if (refusal.isPresent()) {
            return Result.refused(problem(refusal.get()));
        }
        if (agreement.blockMerchant() || found.get().merchantBlocked()) {
            return Result.refused(BillingProblem.MERCHANT_BLOCKED);
        }
        if (!agreement.currency().equals(amount.currency())) {
            return Result.refused(BillingProblem.CURRENCY_MISMATCH);
        }
        Optional<ZoneId> bankZone = found.get().activeBankZone();
        if (bankZone.isEmpty()) {
            return Result.refused(BillingProblem.BANK_UNAVAILABLE);
        }
        if (agreement.type() == IntentType.ONE_TIME && stores.charges().countHolding(mode, agreement.id()) > 0) {
            return Result.refused(BillingProblem.AGREEMENT_EXHAUSTED);
        }
        var zone = bankZone.get();
        Optional<Money> single = agreement.limits().cap(LimitKind.SINGLE);
        if (single.isPresent() && amount.compareTo(single.get()) > 0) {
            return exceeded(new LimitCheck.Verdict.Exceeded(LimitKind.SINGLE, single.get()));
        }
        List<WindowReservation> reservations = WindowReservation.forCharge(agreement.limits(), amount, now, zone);
        if (command.dryRun()) {
            Map<LimitKind, Money> used = stores.limitUsage().used(mode, agreement.id(), reservations);
            if (LimitCheck.check(agreement.limits(), used, amount) instanceof LimitCheck.Verdict.Exceeded e) {
                return exceeded(e);
            }
            return Result.ok(new Item.WouldAccept(phrase, agreement));
        }
        if (!reservations.isEmpty() && !stores.limitUsage().reserve(mode, agreement.id(), reservations)) {
            Map<LimitKind, Money> used = stores.limitUsage().used(mode, agreement.id(), reservations);
            var verdict = LimitCheck.check(agreement.limits(), used, amount);
            return exceeded(
                    verdict instanceof LimitCheck.Verdict.Exceeded e
                            ? e
                            : new LimitCheck.Verdict.Exceeded(
                                    reservations.getLast().kind(), Money.zero(amount.currency())));
        }
        Charge charge = Charge.accept(
                ids.newId(Charge.ID_PREFIX),
                mode,
                agreement.id(),
                merchant.id(),
                agreement.bankId(),
                agreement.customerId(),
                amount,
                command.description(),
                command.metadata(),
                reservations,
                now.plus(settings.chargeTtl()),
                now);
        // The event first: its recipient's endpoints are read; then the four writes (the charge's event count, the
        // event, the charge, the agreement) need no answer and go to the database together, with the commit on MariaDB.
        events.chargeRequested(charge, agreement, merchant, command.scheduleId());
        stores.charges().insert(charge);
        stores.agreements().updateLocked(agreement.billedAt(now));
        return Result.ok(new Item.Accepted(phrase, charge));
    }

    private static <T> Result<T> exceeded(LimitCheck.Verdict.Exceeded verdict) {
        return new Result.Refused<>(BillingProblem.SPENDING_LIMIT_EXCEEDED, Optional.of(verdict));
    }

    private static BillingProblem problem(Agreement.BillingRefusal refusal) {
        return switch (refusal) {
            case AGREEMENT_NOT_APPROVED -> BillingProblem.AGREEMENT_NOT_APPROVED;
            case AGREEMENT_SUSPENDED -> BillingProblem.AGREEMENT_SUSPENDED;
            case AGREEMENT_REVOKED -> BillingProblem.AGREEMENT_REVOKED;
            case AGREEMENT_EXPIRED -> BillingProblem.AGREEMENT_EXPIRED;
            case AGREEMENT_EXHAUSTED -> BillingProblem.AGREEMENT_EXHAUSTED;
        };
    }

    // ---- the bank's answer

    @Override
    public Result<Charge> answer(Answer answer) {
        return answerCharge(answer.bank().mode(), answer.bank().participantId(), answer);
    }

    /**
     * Also the sandbox bank's way in. One answer per transaction: a transaction answering several could hold a
     * declined charge's limit rows while waiting for the next charge's row, which another process or the expiry sweep
     * may hold while waiting for those limit rows — a deadlock. ({@link #answerApprovals} answers many at once by
     * taking only approvals that lock nothing but their charges, all locked up front.)
     */
    Result<Charge> answerCharge(Mode mode, ParticipantId bankId, Answer answer) {
        return stores.transactor().inTransaction(() -> {
            // The row lock comes first, so the state checked below is the charge's last committed one and stays so:
            // an expiry sweep that got there first reads as expired (not as "already answered"), and one that comes
            // later waits, then changes nothing.
            Optional<Charge> found = stores.charges()
                    .lock(mode, answer.billingRequestId())
                    .filter(c -> c.bankId().equals(bankId));
            if (found.isEmpty()) {
                return Result.refused(BillingProblem.BILLING_REQUEST_NOT_FOUND);
            }
            Charge charge = found.get();
            var now = clock.now();
            if (charge.status() == ChargeStatus.EXPIRED
                    || (charge.status() == ChargeStatus.PENDING_BANK && !charge.awaitsBank(now))) {
                return Result.refused(BillingProblem.BILLING_REQUEST_EXPIRED);
            }
            if (charge.status() != ChargeStatus.PENDING_BANK) {
                return Result.refused(BillingProblem.BILLING_REQUEST_ALREADY_ANSWERED);
            }
            Participant merchant = parties.merchant(mode, charge.merchantId());
            Money fee = answer.action().approves()
                    ? fees.effectiveFor(merchant).schedule().feeFor(charge.amount())
                    : Money.zero(charge.amount().currency());
            Charge answered =
                    charge.answer(answer.action(), answer.declineReason(), answer.bankTransactionId(), fee, now);
            settle(answered, merchant);
            // Last, as settle's ledger postings: the row is locked, so the write can wait for the commit (on MariaDB
            // it goes with it, after settle's reads, rather than a round trip of its own).
            stores.charges().updateLocked(answered);
            return Result.ok(answered);
        });
    }

    /** What a batch of approvals confirmed, and the answers it left for {@link #answerCharge}, one by one. */
    record Approvals(List<Charge> confirmed, List<Answer> left) {
        int answered() {
            return confirmed.size();
        }
    }

    /** Approvals confirmed in one transaction by {@link #answerAll}. */
    static final int APPROVALS_PER_TRANSACTION = 100;

    @Override
    public List<Result<Charge>> answerAll(List<Answer> answers) {
        if (answers.isEmpty()) {
            return List.of();
        }
        if (answers.size() > ANSWERS_PER_CALL_MAX) {
            throw new IllegalArgumentException("at most " + ANSWERS_PER_CALL_MAX + " answers per call");
        }
        var bank = answers.getFirst().bank();
        if (answers.stream().anyMatch(answer -> !answer.bank().equals(bank))) {
            throw new IllegalArgumentException("the answers of one bank per call");
        }
        // A billing request answered twice in the call is answered in order, one by one: the first answer counts.
        Map<String, Integer> times = new HashMap<>();
        answers.forEach(answer -> times.merge(answer.billingRequestId(), 1, Integer::sum));
        List<Answer> approvals = answers.stream()
                .filter(answer -> answer.action().approves() && times.get(answer.billingRequestId()) == 1)
                .toList();
        Map<String, Charge> confirmed = new HashMap<>();
        for (int from = 0; from < approvals.size(); from += APPROVALS_PER_TRANSACTION) {
            var batch = approvals.subList(from, Math.min(approvals.size(), from + APPROVALS_PER_TRANSACTION));
            answerApprovals(bank.mode(), bank.participantId(), batch)
                    .confirmed()
                    .forEach(charge -> confirmed.put(charge.id(), charge));
        }
        List<Result<Charge>> results = new ArrayList<>();
        for (Answer answer : answers) {
            Charge done = confirmed.get(answer.billingRequestId());
            results.add(done != null ? Result.ok(done) : answerCharge(bank.mode(), bank.participantId(), answer));
        }
        return results;
    }

    /**
     * The sandbox bank's approvals, many in one transaction. It takes only the charges whose confirmation changes
     * nothing but the charge and appends to the ledger and the outbox: pending at {@code bankId}, on an agreement a
     * confirmation leaves as it is (not one-time), and not a schedule's renewal (whose end changes its run, schedule
     * and link rows). Their rows are locked together, in id order, before anything else; after that the batch only
     * inserts, and updates its own charges, so it never holds one row while it waits for another (see {@link
     * #answerCharge}). Every other approval — a one-time agreement's, a renewal's, one for a charge not found, at another
     * bank or no longer pending (answered or expired meanwhile) — is left for {@link #answerCharge}, which answers it
     * or refuses it with its reason.
     */
    Approvals answerApprovals(Mode mode, ParticipantId bankId, List<Answer> approvals) {
        Map<String, Answer> byCharge = new LinkedHashMap<>();
        for (Answer answer : approvals) {
            if (!answer.action().approves()) {
                throw new IllegalArgumentException("not an approval: " + answer.billingRequestId());
            }
            byCharge.putIfAbsent(answer.billingRequestId(), answer);
        }
        return stores.transactor().inTransaction(() -> {
            List<Charge> locked = stores.charges().lockAll(mode, byCharge.keySet());
            Map<String, IntentType> types = new HashMap<>();
            stores.agreements()
                    .findAll(mode, locked.stream().map(Charge::agreementId).toList())
                    .forEach(agreement -> types.put(agreement.id(), agreement.type()));
            var now = clock.now();
            List<Charge> pending = locked.stream()
                    .filter(c ->
                            c.bankId().equals(bankId) && c.status() == ChargeStatus.PENDING_BANK && c.awaitsBank(now))
                    .toList();
            Set<String> oneByOne = new HashSet<>(
                    renewals.renewals(mode, pending.stream().map(Charge::id).toList()));
            for (Charge charge : pending) {
                IntentType type = types.get(charge.agreementId());
                if (type == null || type == IntentType.ONE_TIME) {
                    oneByOne.add(charge.id());
                }
            }
            Map<ParticipantId, Participant> merchants = new HashMap<>();
            Map<ParticipantId, FeeSchedule> schedules = new HashMap<>();
            List<Charge> confirmed = new ArrayList<>();
            for (Charge charge : pending) {
                if (oneByOne.contains(charge.id())) {
                    continue;
                }
                Participant merchant = merchants.computeIfAbsent(charge.merchantId(), id -> parties.merchant(mode, id));
                Money fee = schedules
                        .computeIfAbsent(
                                merchant.id(), id -> fees.effectiveFor(merchant).schedule())
                        .feeFor(charge.amount());
                Answer answer = byCharge.get(charge.id());
                confirmed.add(
                        charge.answer(answer.action(), answer.declineReason(), answer.bankTransactionId(), fee, now));
            }
            // What settle does for each of them (a confirmation that changes no agreement), a few statements for all.
            // The events first (their counts are read), the charges' updates last: their rows are locked, so they are
            // held back, and on MariaDB go with the commit in one statement rather than one answer each.
            events.chargesAnswered(mode, confirmed, merchants);
            stores.ledger().postAll(confirmed.stream().map(this::confirmation).toList());
            confirmed.forEach(stores.charges()::updateLocked);
            Set<String> done = new HashSet<>();
            confirmed.forEach(charge -> done.add(charge.id()));
            List<Answer> left = byCharge.values().stream()
                    .filter(answer -> !done.contains(answer.billingRequestId()))
                    .toList();
            return new Approvals(confirmed, left);
        });
    }

    /**
     * The effects of a charge's end, in its transaction, after its row lock: ledger postings, or the reserved limits
     * given back; the agreement is locked only when it changes (a one-time agreement used up, a {@code suspended}
     * decline), and before any limit row, so the order stays agreement before limits as on the bill path.
     */
    private void settle(Charge ended, Participant merchant) {
        var now = ended.processedAt().orElseThrow();
        Optional<Agreement> changed = Optional.empty();
        if (ended.status() == ChargeStatus.CONFIRMED) {
            if (agreementOf(ended).type() == IntentType.ONE_TIME) {
                Agreement agreement = lockAgreement(ended);
                Agreement used = agreement.afterConfirmedCharge(now);
                changed = used == agreement ? Optional.empty() : Optional.of(used);
            }
        } else {
            if (ended.bankAction().equals(Optional.of(CustomerDecision.SUSPENDED))) {
                Agreement agreement = lockAgreement(ended);
                if (agreement.status() == AgreementStatus.ACTIVE) {
                    changed = Optional.of(agreement.suspend(now));
                }
            }
            if (!ended.reservations().isEmpty()) {
                stores.limitUsage().release(ended.mode(), ended.agreementId(), ended.reservations());
            }
        }
        changed.ifPresent(next -> {
            if (!stores.agreements().update(next)) {
                throw new IllegalStateException("agreement " + next.id() + " changed under its row lock");
            }
            events.decisionMade(next, merchant);
        });
        Optional<String> scheduleId = renewals.chargeEnded(ended);
        events.chargeAnswered(ended, merchant, scheduleId);
        // The postings after every read: the journal holds its inserts back, so on MariaDB they go with the commit.
        if (ended.status() == ChargeStatus.CONFIRMED) {
            stores.ledger().post(confirmation(ended));
        }
    }

    private Agreement agreementOf(Charge charge) {
        return stores.agreements()
                .find(charge.mode(), charge.agreementId())
                .orElseThrow(() -> new IllegalStateException("charge " + charge.id() + " has no agreement"));
    }

    private Agreement lockAgreement(Charge charge) {
        return stores.agreements()
                .lock(charge.mode(), charge.agreementId())
                .orElseThrow(() -> new IllegalStateException("charge " + charge.id() + " has no agreement"));
    }

    /**
     * A confirmed charge: the bank owes the network the amount; the network owes the merchant the amount less the
     * network's fee, which the network keeps.
     */
    private JournalTransaction confirmation(Charge charge) {
        Money amount = charge.amount();
        Money fee = charge.fee();
        Money toMerchant = amount.minus(fee);
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(
                new Account(AccountType.BANK_SETTLEMENT, charge.bankId().value()), amount));
        if (toMerchant.isPositive()) {
            postings.add(new Posting(
                    new Account(
                            AccountType.MERCHANT_PAYABLE, charge.merchantId().value()),
                    negate(toMerchant)));
        }
        if (fee.isPositive()) {
            postings.add(new Posting(new Account(AccountType.FEE_REVENUE, Account.NETWORK), negate(fee)));
        }
        return new JournalTransaction(
                ids.newId(JOURNAL_PREFIX),
                charge.mode(),
                charge.id(),
                SettlementLine.Kind.CHARGE.description(),
                charge.processedAt().orElseThrow(),
                postings);
    }

    private static Money negate(Money money) {
        return new Money(-money.minor(), money.currency());
    }

    // ---- deadlines

    @Override
    public int expireDue(int limit) {
        // Charges first: their sweep gives reserved limits back, which no other sweep's failure may hold up.
        int charges = expireCharges(limit);
        return charges + intents.expireIntents(limit) + intents.expireAgreements(limit);
    }

    private int expireCharges(int limit) {
        int expired = 0;
        for (Charge due : stores.charges().dueForExpiry(clock.now(), limit)) {
            boolean moved = stores.transactor().inTransaction(() -> {
                var now = clock.now();
                Optional<Charge> current = stores.charges()
                        .find(due.mode(), due.id())
                        .filter(c -> c.status() == ChargeStatus.PENDING_BANK && !c.awaitsBank(now));
                if (current.isEmpty()) {
                    return false;
                }
                Charge ended = current.get().expire(now);
                if (!stores.charges().update(ended)) {
                    return false;
                }
                settle(ended, parties.merchant(ended.mode(), ended.merchantId()));
                return true;
            });
            expired += moved ? 1 : 0;
        }
        return expired;
    }

    // ---- reads

    @Override
    public Result<Page<Charge>> history(Caller caller, Query query, PageRequest page) {
        Result<ChargeFilter> filter = filter(caller, query);
        if (!(filter instanceof Result.Ok<ChargeFilter> ok)) {
            return filter.refusalAs();
        }
        return Result.ok(stores.charges().list(caller.mode(), ok.value(), page));
    }

    private Result<ChargeFilter> filter(Caller caller, Query query) {
        Optional<ParticipantId> bankId = Optional.empty();
        Optional<MerchantScope> merchants = Optional.empty();
        if (caller.principal().role() == Role.BANK) {
            bankId = Optional.of(caller.principal().participantId());
        } else {
            Result<MerchantScope> readable = parties.readableMerchants(caller);
            if (!(readable instanceof Result.Ok<MerchantScope> ok)) {
                return readable.refusalAs();
            }
            merchants = Optional.of(ok.value());
        }
        Optional<MajorAmountBound> min = query.minAmount().map(MajorAmountBound::new);
        Optional<MajorAmountBound> max = query.maxAmount().map(MajorAmountBound::new);
        return Result.ok(new ChargeFilter(
                merchants,
                bankId,
                query.from(),
                query.to(),
                query.status().map(TransactionStatus::chargeStatuses).orElse(java.util.Set.of()),
                query.customerId(),
                min,
                max,
                query.status().flatMap(TransactionStatus::fullyRefunded)));
    }

    @Override
    public Result<Charge> details(Caller caller, String transactionId) {
        return stores.charges()
                .find(caller.mode(), transactionId)
                .filter(c -> parties.isParty(caller, c.merchantId(), c.bankId()))
                .<Result<Charge>>map(Result::ok)
                .orElseGet(() -> Result.refused(BillingProblem.TRANSACTION_NOT_FOUND));
    }

    /** A charge is settled once the settlement of its merchant's window took its confirmation's payable. */
    @Override
    public Set<String> settled(Caller caller, List<Charge> charges) {
        List<String> confirmed = charges.stream()
                .filter(c -> c.status() == ChargeStatus.CONFIRMED)
                .map(Charge::id)
                .toList();
        return confirmed.isEmpty()
                ? Set.of()
                : stores.ledger().settledReferences(caller.mode(), AccountType.MERCHANT_PAYABLE, confirmed);
    }
}
