package network.peere.core.services.recurring;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.AmountParser;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.policy.Capability;
import network.peere.core.domain.participant.policy.MerchantPolicy;
import network.peere.core.domain.participant.policy.Permission;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.RunState;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleFilter;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.recurring.ManageSchedules;
import network.peere.core.ports.in.recurring.RunRenewals;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.billing.BillingSettings;
import network.peere.core.services.billing.ChargeService;
import network.peere.core.services.billing.Parties;

/**
 * Recurring schedules (M7–M11, cancel) and the renewal engine. Each engine step is one transaction on one schedule (or
 * one retrying run): it claims the period by inserting the run under its unique (schedule, period) key, bills it as an
 * ordinary billing request, and moves the schedule on with a conditional update. Another engine that read the same
 * schedule loses at the key or at the version and rolls back, so no period is charged twice; a crash rolls the
 * whole step back, so none is lost either.
 */
public final class RecurringService implements ManageSchedules, RunRenewals {
    /** A start time this far in the past is a clock's skew, not a back-dated schedule. */
    static final Duration START_TOLERANCE = Duration.ofMinutes(5);
    /** Re-reads of a schedule that changed under a revocation before giving up (each loser waited for a commit). */
    private static final int REVOCATION_ATTEMPTS = 5;

    /** Refusals that end the agreement's usefulness for good: no retry helps. */
    private static final Set<BillingProblem> AGREEMENT_ENDED = Set.of(
            BillingProblem.AGREEMENT_NOT_FOUND,
            BillingProblem.AGREEMENT_NOT_APPROVED,
            BillingProblem.AGREEMENT_SUSPENDED,
            BillingProblem.AGREEMENT_REVOKED,
            BillingProblem.AGREEMENT_EXPIRED,
            BillingProblem.AGREEMENT_EXHAUSTED,
            BillingProblem.CURRENCY_MISMATCH);

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final PublishEvents events;
    private final BillingSettings settings;
    private final ChargeService charges;
    private final ScheduleOutcomes outcomes;
    private final Parties parties;

    public RecurringService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            PublishEvents events,
            BillingSettings settings,
            ChargeService charges,
            ScheduleOutcomes outcomes) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.charges = Objects.requireNonNull(charges, "charges");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.parties = new Parties(stores);
    }

    // ---- manage

    @Override
    public Result<Schedule> create(Create command) {
        Result<Participant> acting = parties.actingMerchant(command.caller(), Capability.RECURRING_SCHEDULE);
        if (!(acting instanceof Result.Ok<Participant> ok)) {
            return acting.refusalAs();
        }
        Participant merchant = ok.value();
        return stores.transactor().inTransaction(() -> createFor(command, merchant));
    }

    private Result<Schedule> createFor(Create command, Participant merchant) {
        var mode = merchant.mode();
        Optional<Agreement> found = stores.agreements()
                .lockByPhrase(mode, command.agreementPhrase())
                .filter(a -> a.merchantId().equals(merchant.id()))
                .filter(a -> a.customerId().value().equals(command.customerId()));
        if (found.isEmpty()) {
            return Result.refused(BillingProblem.AGREEMENT_NOT_FOUND);
        }
        Agreement agreement = found.get();
        Optional<Agreement.BillingRefusal> refusal = agreement.refusalToBill(clock.now());
        if (refusal.isPresent()) {
            return Result.refused(BillingProblem.valueOf(refusal.get().name()));
        }
        if (charges.blocksItsMerchant(agreement)) {
            return Result.refused(BillingProblem.MERCHANT_BLOCKED);
        }
        if (agreement.type() == IntentType.ONE_TIME
                || !agreement.decision().equals(Optional.of(CustomerDecision.APPROVE_RECURRING))) {
            return Result.refused(BillingProblem.AGREEMENT_NOT_RECURRING);
        }
        if (command.currency().filter(c -> !c.equals(agreement.currency())).isPresent()) {
            return Result.refused(BillingProblem.CURRENCY_MISMATCH);
        }
        if (!(AmountParser.parse(command.amount(), agreement.currency()) instanceof AmountParser.Parsed.Valid valid)) {
            return Result.refused(BillingProblem.INVALID_AMOUNT);
        }
        Money amount = valid.money();
        if (amount.compareTo(settings.minimum(amount.currency())) < 0) {
            return Result.refused(BillingProblem.AMOUNT_BELOW_MINIMUM);
        }
        Optional<Money> single = agreement.limits().cap(LimitKind.SINGLE);
        if (single.isPresent() && amount.compareTo(single.get()) > 0) {
            return new Result.Refused<>(
                    BillingProblem.SPENDING_LIMIT_EXCEEDED,
                    Optional.of(new network.peere.core.domain.agreement.limits.LimitCheck.Verdict.Exceeded(
                            LimitKind.SINGLE, single.get())));
        }
        Optional<Participant> bank = parties.activeBank(mode, agreement.bankId());
        if (bank.isEmpty()) {
            return Result.refused(BillingProblem.BANK_UNAVAILABLE);
        }
        ZoneId zone = parties.zoneOf(bank.get());
        var now = clock.now();
        Optional<Instant> anchor = anchor(command.start(), zone, now);
        if (anchor.isEmpty()) {
            return Result.refused(BillingProblem.INVALID_START_DATE);
        }
        Optional<Schedule.Ending> ending = ending(command.ends(), zone, now);
        if (ending.isEmpty() || ending.get().excludes(0, command.cadence().due(anchor.get(), zone, 0))) {
            return Result.refused(BillingProblem.INVALID_END);
        }
        Schedule schedule = Schedule.create(
                ids.newId(Schedule.ID_PREFIX),
                new Schedule.Parties(mode, merchant.id(), agreement.bankId(), agreement.id(), agreement.customerId()),
                new Schedule.Terms(
                        amount,
                        description(command.description().orElse(agreement.description())),
                        command.cadence(),
                        anchor.get(),
                        command.noticeOffsetDays(),
                        command.retries(),
                        command.metadata(),
                        ending.get(),
                        Optional.empty()),
                zone,
                now);
        stores.recurring().insert(schedule);
        return Result.ok(schedule);
    }

    private static String description(String wanted) {
        String text = wanted.isBlank() ? "Recurring payment" : wanted;
        return text.length() > Schedule.DESCRIPTION_LENGTH_MAX
                ? text.substring(0, Schedule.DESCRIPTION_LENGTH_MAX)
                : text;
    }

    /** The end as the first instant no period may be due at; empty when it cannot be one. */
    private static Optional<Schedule.Ending> ending(Ends ends, ZoneId zone, Instant now) {
        if (ends.maxBillings()
                .filter(m -> m < 1 || m > Schedule.Ending.MAX_BILLINGS_MAX)
                .isPresent()) {
            return Optional.empty();
        }
        Optional<Instant> before = ends.endDate().map(end -> switch (end) {
            case Start.OnDate on -> on.date().plusDays(1).atStartOfDay(zone).toInstant();
            case Start.At at -> at.instant().plus(Duration.ofNanos(1_000));
            case Start.Now n -> now;
        });
        return Optional.of(new Schedule.Ending(ends.maxBillings(), before));
    }

    /**
     * A payment link's schedule, made when the bank approved the link's intent (in that decision's transaction): the
     * link's amount each period of its duration (one period for a one-off link), no retries, anchored now; its first
     * period is billed at once. An {@code approve_once} agreement (a one-off link, or a recurring link its customer
     * approved once) gets one period.
     *
     * @return the schedule after its first step: {@code completed} (one-off), {@code active}, or {@code failed} when the
     *     first billing request was refused
     */
    public Schedule startForLink(String scheduleId, PaymentLink link, LinkPayment payment, Agreement agreement) {
        Participant bank = parties.activeBank(agreement.mode(), agreement.bankId())
                .orElseThrow(() -> new IllegalStateException("approved by a bank that is gone: " + agreement.bankId()));
        ZoneId zone = parties.zoneOf(bank);
        var now = clock.now();
        var terms = link.terms();
        Schedule schedule = Schedule.create(
                scheduleId,
                new Schedule.Parties(
                        agreement.mode(),
                        agreement.merchantId(),
                        agreement.bankId(),
                        agreement.id(),
                        agreement.customerId()),
                new Schedule.Terms(
                        terms.amount(),
                        description(terms.description()),
                        terms.duration().map(LinkDuration::cadence).orElse(LinkDuration.DAILY.cadence()),
                        now,
                        Schedule.DEFAULT_NOTICE_OFFSETS,
                        0,
                        terms.metadata(),
                        renews(link, agreement) ? Schedule.Ending.NONE : Schedule.Ending.once(),
                        Optional.of(payment.id())),
                zone,
                now);
        stores.recurring().insert(schedule);
        submitPeriod(schedule, agreement, now);
        return stores.recurring()
                .find(schedule.mode(), schedule.id())
                .orElseThrow(() -> new IllegalStateException("schedule " + scheduleId + " vanished"));
    }

    /** A recurring link renews only when its customer approved recurring; {@code approve_once} pays one period. */
    private static boolean renews(PaymentLink link, Agreement agreement) {
        return link.recurring() && agreement.decision().equals(Optional.of(CustomerDecision.APPROVE_RECURRING));
    }

    /**
     * A revoked or expired agreement ends its schedules at once (in the change's transaction), each {@code cancelled}
     * with that reason.
     */
    public void agreementChanged(Agreement changed) {
        String reason = switch (changed.status()) {
            case REVOKED -> "agreement_revoked";
            case EXPIRED -> "agreement_expired";
            default -> null;
        };
        if (reason == null) {
            return;
        }
        for (Schedule open : stores.recurring().openForAgreement(changed.mode(), changed.id())) {
            cancelForAgreement(open, reason).ifPresent(cancelled -> outcomes.cancelled(cancelled, reason));
        }
    }

    /**
     * Cancels one schedule of a revoked or expired agreement, re-reading it when the engine or its merchant changed it
     * first (they do not take the agreement's lock): the agreement's change must not fail for their sake.
     */
    private Optional<Schedule> cancelForAgreement(Schedule listed, String reason) {
        Schedule current = listed;
        for (int attempt = 0; attempt < REVOCATION_ATTEMPTS; attempt++) {
            if (current.status().isFinal()) {
                return Optional.empty();
            }
            var now = clock.now();
            Schedule cancelled = current.cancel(now);
            if (stores.recurring().update(cancelled)) {
                // The engine may have submitted the run meanwhile: then it is no longer pending, and stays as it is.
                pendingRun(current).ifPresent(run -> stores.recurring().updateRun(run.failed(reason, now)));
                return Optional.of(cancelled);
            }
            current = stores.recurring()
                    .find(listed.mode(), listed.id())
                    .orElseThrow(() -> new IllegalStateException("schedule " + listed.id() + " vanished"));
        }
        throw new IllegalStateException("schedule " + listed.id() + " kept changing while its agreement was revoked");
    }

    /** Period 0: now, the start of a local date in the bank's zone (today or later), or an instant not in the past. */
    private static Optional<Instant> anchor(Start start, ZoneId zone, Instant now) {
        return switch (start) {
            case Start.Now n -> Optional.of(now);
            case Start.OnDate on -> {
                LocalDate today = now.atZone(zone).toLocalDate();
                if (on.date().isBefore(today)) {
                    yield Optional.empty();
                }
                Instant midnight = on.date().atStartOfDay(zone).toInstant();
                yield Optional.of(midnight.isBefore(now) ? now : midnight);
            }
            case Start.At at ->
                at.instant().isBefore(now.minus(START_TOLERANCE)) ? Optional.empty() : Optional.of(at.instant());
        };
    }

    @Override
    public Result<Page<Schedule>> list(Caller caller, Query query, PageRequest page) {
        if (caller.principal().role() == Role.BANK) {
            return Result.refused(BillingProblem.MERCHANT_NOT_FOUND);
        }
        Result<MerchantScope> readable = parties.readableMerchants(caller);
        if (!(readable instanceof Result.Ok<MerchantScope> ok)) {
            return readable.refusalAs();
        }
        var filter = new ScheduleFilter(ok.value(), query.customerId(), query.status());
        return Result.ok(stores.recurring().list(caller.mode(), filter, page));
    }

    @Override
    public Result<Detail> get(Caller caller, String scheduleId) {
        Result<Schedule> found = readable(caller, scheduleId);
        if (!(found instanceof Result.Ok<Schedule> ok)) {
            return found.refusalAs();
        }
        Schedule schedule = ok.value();
        String phrase = stores.agreements()
                .find(schedule.mode(), schedule.agreementId())
                .map(Agreement::agreementPhrase)
                .orElseThrow(() -> new IllegalStateException("schedule " + scheduleId + " has no agreement"));
        List<Run> runs = stores.recurring().runs(schedule.mode(), schedule.id(), Detail.RUNS_SHOWN_MAX);
        return Result.ok(new Detail(schedule, phrase, runs));
    }

    private Result<Schedule> readable(Caller caller, String scheduleId) {
        return stores.recurring()
                .find(caller.mode(), scheduleId)
                .filter(s ->
                        caller.principal().role() != Role.BANK && parties.isParty(caller, s.merchantId(), s.bankId()))
                .<Result<Schedule>>map(Result::ok)
                .orElseGet(() -> Result.refused(BillingProblem.SCHEDULE_NOT_FOUND));
    }

    @Override
    public Result<Schedule> pause(Caller caller, String scheduleId) {
        return change(caller, scheduleId, ScheduleStatus.PAUSED);
    }

    @Override
    public Result<Schedule> resume(Caller caller, String scheduleId) {
        return change(caller, scheduleId, ScheduleStatus.ACTIVE);
    }

    @Override
    public Result<Schedule> cancel(Caller caller, String scheduleId) {
        return change(caller, scheduleId, ScheduleStatus.CANCELLED);
    }

    private Result<Schedule> change(Caller caller, String scheduleId, ScheduleStatus target) {
        return stores.transactor().inTransaction(() -> {
            Result<Schedule> found = readable(caller, scheduleId);
            if (!(found instanceof Result.Ok<Schedule> ok)) {
                return found;
            }
            Schedule schedule = ok.value();
            boolean allowed = switch (target) {
                case PAUSED -> schedule.status() == ScheduleStatus.ACTIVE;
                case ACTIVE -> schedule.status() == ScheduleStatus.PAUSED;
                case CANCELLED -> !schedule.status().isFinal();
                case FAILED, COMPLETED -> false;
            };
            if (!allowed) {
                return Result.refused(BillingProblem.SCHEDULE_STATUS_CONFLICT);
            }
            var now = clock.now();
            Schedule next = switch (target) {
                case PAUSED -> schedule.pause(now);
                case ACTIVE -> schedule.resume(now);
                default -> schedule.cancel(now);
            };
            if (!stores.recurring().update(next)) {
                return Result.refused(BillingProblem.CONCURRENT_MODIFICATION);
            }
            if (next.nextPeriod() != schedule.nextPeriod() || target == ScheduleStatus.CANCELLED) {
                endPendingRun(
                        schedule,
                        target == ScheduleStatus.CANCELLED ? "schedule_cancelled" : "skipped_while_paused",
                        now);
            }
            if (target == ScheduleStatus.CANCELLED) {
                outcomes.cancelled(next, "schedule_cancelled");
            }
            return Result.ok(next);
        });
    }

    /** A notified period that will never be submitted says so, rather than waiting forever. */
    private void endPendingRun(Schedule schedule, String reason, Instant now) {
        pendingRun(schedule).ifPresent(run -> requireWon(stores.recurring().updateRun(run.failed(reason, now))));
    }

    /** The next period's run while it is only scheduled or notified (not yet submitted to the bank). */
    private Optional<Run> pendingRun(Schedule schedule) {
        return stores.recurring()
                .findRun(schedule.mode(), schedule.id(), schedule.nextPeriod())
                .filter(run -> run.state() == RunState.SCHEDULED || run.state() == RunState.NOTIFIED);
    }

    // ---- the engine

    @Override
    public int runDue(int limit) {
        var now = clock.now();
        int done = 0;
        for (Schedule due : stores.recurring().dueSchedules(now, limit)) {
            done += step(() -> renew(due));
        }
        for (Run due : stores.recurring().dueRetries(now, limit)) {
            done += step(() -> retry(due));
        }
        return done;
    }

    /** One step in its own transaction; a step that lost a race rolls back and counts nothing. */
    private int step(Supplier<Boolean> work) {
        try {
            return stores.transactor().inTransaction(work) ? 1 : 0;
        } catch (LostRace lost) {
            return 0;
        }
    }

    private boolean renew(Schedule listed) {
        Optional<Schedule> current = stores.recurring()
                .find(listed.mode(), listed.id())
                .filter(s -> s.version() == listed.version() && s.status() == ScheduleStatus.ACTIVE);
        if (current.isEmpty()) {
            return false;
        }
        Schedule schedule = current.get();
        var now = clock.now();
        Agreement agreement = agreementOf(schedule);
        if (agreement.isLapsed(now)) {
            // The deadline sweep records the expiry within seconds and cancels this schedule with it.
            return false;
        }
        Optional<Agreement.BillingRefusal> ended = agreement.refusalToBill(now);
        if (schedule.isDue(now) || ended.isPresent()) {
            return submitPeriod(schedule, agreement, now);
        }
        int notices = schedule.noticesDueBy(now);
        if (notices > schedule.noticesSent()) {
            return notify(schedule, agreement, notices, now);
        }
        return false;
    }

    /** The pre-debit notice: the first one locks the amount on the period's run; later ones repeat it. */
    private boolean notify(Schedule schedule, Agreement agreement, int notices, Instant now) {
        Optional<Run> existing = stores.recurring().findRun(schedule.mode(), schedule.id(), schedule.nextPeriod());
        Run run = existing.orElseGet(() -> {
            Run notified = Run.of(schedule, now).notified(now);
            requireWon(stores.recurring().insertRun(notified));
            return notified;
        });
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("scheduleId", schedule.id());
        item.put("period", run.period());
        item.put("customerId", schedule.customerId().value());
        item.put("customerDecisionId", agreement.id());
        item.put("agreementPhrase", agreement.agreementPhrase());
        item.put("merchant", merchantCard(schedule));
        item.put("amount", run.amount().toMajor());
        item.put("currency", run.amount().currency().getCurrencyCode());
        item.put("description", schedule.description());
        item.put("frequency", WireEnums.wireName(schedule.cadence().frequency()));
        item.put("interval", schedule.cadence().interval());
        item.put("dueDate", run.dueAt());
        item.put("metadata", schedule.metadata().orElse(null));
        item.put("sentAt", now);
        events.publish(schedule.mode(), schedule.bankId(), EventType.RECURRING_UPCOMING, schedule.id(), item);
        requireWon(stores.recurring().update(schedule.noticed(notices, now)));
        return true;
    }

    private Map<String, Object> merchantCard(Schedule schedule) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("id", schedule.merchantId().value());
        card.put(
                "name",
                stores.participants()
                        .find(schedule.mode(), schedule.merchantId())
                        .map(Participant::name)
                        .orElse(null));
        return card;
    }

    /**
     * Claims the period (its run's unique key), bills it, and moves the schedule on — or ends it when the run failed
     * for good. All in the caller's one transaction.
     */
    private boolean submitPeriod(Schedule schedule, Agreement agreement, Instant now) {
        Optional<Run> existing = stores.recurring().findRun(schedule.mode(), schedule.id(), schedule.nextPeriod());
        Run run;
        if (existing.isEmpty()) {
            run = Run.of(schedule, now);
            requireWon(stores.recurring().insertRun(run));
        } else if (existing.get().state() == RunState.NOTIFIED || existing.get().state() == RunState.SCHEDULED) {
            run = existing.get();
        } else {
            // Submitting and moving the schedule on commit together, so this is a bug, not a race.
            throw new IllegalStateException(
                    "schedule " + schedule.id() + " period " + schedule.nextPeriod() + " was already submitted");
        }
        Run attempted = attempt(schedule, agreement, run, now);
        requireWon(stores.recurring().updateRun(attempted));
        Schedule next = attempted.state() == RunState.FAILED ? schedule.fail(now) : schedule.advanced(now);
        requireWon(stores.recurring().update(next));
        if (attempted.state() == RunState.FAILED) {
            outcomes.runFailed(next, attempted);
        }
        return true;
    }

    private boolean retry(Run listed) {
        var now = clock.now();
        Optional<Run> current = stores.recurring()
                .findRun(listed.mode(), listed.scheduleId(), listed.period())
                .filter(r -> r.version() == listed.version() && r.state() == RunState.RETRYING);
        if (current.isEmpty() || current.get().retryAt().orElseThrow().isAfter(now)) {
            return false;
        }
        Run run = current.get();
        Schedule schedule = stores.recurring()
                .find(run.mode(), run.scheduleId())
                .orElseThrow(() -> new IllegalStateException("run of a missing schedule " + run.scheduleId()));
        Run attempted = schedule.status() == ScheduleStatus.ACTIVE
                ? attempt(schedule, agreementOf(schedule), run, now)
                : run.failed("schedule_" + WireEnums.wireName(schedule.status()), now);
        requireWon(stores.recurring().updateRun(attempted));
        if (attempted.state() == RunState.FAILED && schedule.status() == ScheduleStatus.ACTIVE) {
            stores.recurring().markFailed(schedule.mode(), schedule.id(), now);
            outcomes.runFailed(schedule.fail(now), attempted);
        }
        return true;
    }

    /** One billing request for the run, or why not: submitted, or retrying / failed after a refusal. */
    private Run attempt(Schedule schedule, Agreement agreement, Run run, Instant now) {
        Participant merchant = stores.participants()
                .find(schedule.mode(), schedule.merchantId())
                .orElseThrow(() -> new IllegalStateException("schedule " + schedule.id() + " has no merchant"));
        if (MerchantPolicy.check(merchant, Capability.BILL) instanceof Permission.Denied denied) {
            return run.refused(WireEnums.wireName(denied.reason()), Run.Retry.ALLOWED, schedule.retries(), now);
        }
        Result<Charge> billed = charges.billRenewal(new ChargeService.Renewal(
                merchant,
                agreement.agreementPhrase(),
                run.amount(),
                schedule.description(),
                schedule.metadata(),
                schedule.id()));
        return switch (billed) {
            case Result.Ok<Charge> ok -> run.submitted(ok.value().id(), now);
            case Result.Refused<Charge> refused ->
                run.refused(
                        WireEnums.wireName(refused.problem()),
                        AGREEMENT_ENDED.contains(refused.problem()) ? Run.Retry.NOT_ALLOWED : Run.Retry.ALLOWED,
                        schedule.retries(),
                        now);
        };
    }

    private Agreement agreementOf(Schedule schedule) {
        return stores.agreements()
                .find(schedule.mode(), schedule.agreementId())
                .orElseThrow(() -> new IllegalStateException("schedule " + schedule.id() + " has no agreement"));
    }

    private static void requireWon(boolean won) {
        if (!won) {
            throw new LostRace();
        }
    }

    /** Another engine (or a merchant's change) got to the same schedule or run first: roll this step back. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super("lost the race for a schedule or run", null, false, false);
        }
    }
}
