package network.peere.core.services.money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.Posting;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.settlement.PayoutStatus;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.money.SettleMerchants;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.LedgerJournal;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.billing.Parties;

/**
 * Daily settlement windows (docs/settlement.md). A window is the calendar day in the network's time zone; it settles
 * once that day is over (T+1). Each settlement is one transaction: claim the window (the fence two runners meet at),
 * take every journal transaction on the merchant's payable account that no window has taken and that occurred before
 * the window's end (so a charge confirmed while an earlier window closed lands here, not nowhere and not twice), net
 * them with the carry of the window before, post the payout, and tell the merchant.
 */
public final class SettlementService implements SettleMerchants {
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Africa/Lagos");

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final PublishEvents events;
    private final Parties parties;
    private final ZoneId zone;

    public SettlementService(PeereStores stores, Clock clock, IdGenerator ids, PublishEvents events, ZoneId zone) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.events = Objects.requireNonNull(events, "events");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.parties = new Parties(stores);
    }

    @Override
    public int settleDue(int limit) {
        Instant cutoff = dayStart(clock.now());
        int settled = 0;
        for (Mode mode : Mode.values()) {
            settled += settleThrough(mode, cutoff, limit - settled);
        }
        return settled;
    }

    @Override
    public Result<Integer> closeToday(Mode mode, int limit) {
        if (mode != Mode.SANDBOX) {
            return Result.refused(BillingProblem.SIMULATION_NOT_ALLOWED);
        }
        return Result.ok(settleThrough(mode, nextDayStart(dayStart(clock.now())), limit));
    }

    /** Settles the windows of {@code mode} that end by {@code cutoff}; at most {@code limit}. */
    private int settleThrough(Mode mode, Instant cutoff, int limit) {
        int settled = 0;
        // Accounts whose oldest unsettled entry belongs to a window not due yet (a late entry behind a settled day):
        // skipped for this run, and asked past, so they never hide the merchants that are due.
        java.util.Set<LedgerJournal.Unsettled> notDue = new java.util.HashSet<>();
        boolean progress = true;
        while (progress && settled < limit) {
            progress = false;
            for (LedgerJournal.Unsettled due : stores.ledger()
                    .unsettled(mode, AccountType.MERCHANT_PAYABLE, cutoff, limit - settled + notDue.size())) {
                if (notDue.contains(due)) {
                    continue;
                }
                if (settleOne(mode, due, cutoff)) {
                    settled++;
                    progress = true;
                } else {
                    notDue.add(due);
                }
            }
        }
        return settled;
    }

    private boolean settleOne(Mode mode, LedgerJournal.Unsettled due, Instant cutoff) {
        ParticipantId merchantId = new ParticipantId(due.account().owner());
        return stores.transactor().inTransaction(() -> {
            Optional<Settlement> previous = stores.settlements().latest(mode, merchantId, due.currency());
            Instant start = dayStart(due.earliest());
            if (previous.isPresent() && start.isBefore(previous.get().windowEnd())) {
                // A late entry of a window already settled: it belongs to the next window.
                start = previous.get().windowEnd();
            }
            Instant end = nextDayStart(start);
            if (end.isAfter(cutoff)) {
                return false;
            }
            String id = ids.newId(Settlement.ID_PREFIX);
            if (!stores.settlements().claimWindow(mode, merchantId, due.currency(), start, id)) {
                return false;
            }
            Account payable = due.account();
            List<SettlementLine> lines = new ArrayList<>();
            for (JournalTransaction entry :
                    stores.ledger().claimForSettlement(mode, payable, due.currency(), end, id)) {
                lines.add(withBank(line(entry, payable), mode));
            }
            long charges = 0;
            long refunds = 0;
            long fees = 0;
            for (SettlementLine line : lines) {
                switch (line.kind()) {
                    case CHARGE -> charges += line.grossMinor();
                    case REFUND, REFUND_REVERSAL -> refunds -= line.grossMinor();
                    case PAYOUT -> {}
                }
                fees += line.kind() == SettlementLine.Kind.PAYOUT ? 0 : line.feeMinor();
            }
            long carriedIn = previous.map(Settlement::carriedOutMinor).orElse(0L);
            long net = charges - refunds - fees + carriedIn;
            long payout = Math.max(net, 0);
            var now = clock.now();
            if (payout > 0) {
                JournalTransaction paid = payoutEntry(mode, id, merchantId, new Money(payout, due.currency()), now);
                stores.ledger().post(paid);
                stores.ledger().assignToSettlement(mode, paid.id(), payable, id);
                lines.add(line(paid, payable));
            }
            Optional<PayoutAccount> account = stores.payoutAccounts().find(mode, merchantId);
            Settlement settlement = new Settlement(
                    id,
                    mode,
                    merchantId,
                    due.currency(),
                    start,
                    end,
                    charges,
                    refunds,
                    fees,
                    carriedIn,
                    net,
                    payout,
                    Math.min(net, 0),
                    lines,
                    account,
                    payout > 0 ? PayoutStatus.PENDING : PayoutStatus.NONE,
                    now,
                    now,
                    1);
            stores.settlements().insert(settlement);
            announce(settlement);
            return true;
        });
    }

    /** The merchant's view of one journal transaction: what it moved, the fee in it, the net. */
    private static SettlementLine line(JournalTransaction entry, Account payable) {
        long toMerchant = 0;
        long fee = 0;
        Optional<ParticipantId> bank = Optional.empty();
        for (Posting posting : entry.postings()) {
            if (posting.account().equals(payable)) {
                toMerchant -= posting.amount().minor();
            } else if (posting.account().type() == AccountType.FEE_REVENUE) {
                fee -= posting.amount().minor();
            } else if (posting.account().type() == AccountType.BANK_SETTLEMENT) {
                bank = Optional.of(new ParticipantId(posting.account().owner()));
            }
        }
        return new SettlementLine(
                entry.id(),
                SettlementLine.Kind.of(entry),
                entry.reference(),
                toMerchant + fee,
                fee,
                toMerchant,
                bank,
                entry.occurredAt());
    }

    /** A refund's journal entries name no bank; its line takes the bank of the charge it refunds. */
    private SettlementLine withBank(SettlementLine line, Mode mode) {
        if (line.bankId().isPresent()
                || (line.kind() != SettlementLine.Kind.REFUND && line.kind() != SettlementLine.Kind.REFUND_REVERSAL)) {
            return line;
        }
        return stores.refunds()
                .find(mode, line.reference())
                .map(refund -> new SettlementLine(
                        line.journalTransactionId(),
                        line.kind(),
                        line.reference(),
                        line.grossMinor(),
                        line.feeMinor(),
                        line.netMinor(),
                        Optional.of(refund.bankId()),
                        line.occurredAt()))
                .orElse(line);
    }

    /** The payout instruction: the network's debt to the merchant becomes money on its way out. */
    private JournalTransaction payoutEntry(
            Mode mode, String settlementId, ParticipantId merchantId, Money amount, Instant now) {
        return new JournalTransaction(
                ids.newId(Settlement.PAYOUT_JOURNAL_PREFIX),
                mode,
                settlementId,
                SettlementLine.Kind.PAYOUT.description(),
                now,
                List.of(
                        new Posting(new Account(AccountType.MERCHANT_PAYABLE, merchantId.value()), amount),
                        new Posting(
                                new Account(AccountType.PAYOUTS, merchantId.value()),
                                new Money(-amount.minor(), amount.currency()))));
    }

    private void announce(Settlement settlement) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("settlementId", settlement.id());
        item.put("entityId", settlement.merchantId().value());
        item.put("currency", settlement.currency().getCurrencyCode());
        item.put("windowStart", settlement.windowStart());
        item.put("windowEnd", settlement.windowEnd());
        item.put("charges", major(settlement.chargesMinor(), settlement));
        item.put("refunds", major(settlement.refundsMinor(), settlement));
        item.put("fees", major(settlement.feesMinor(), settlement));
        item.put("carriedIn", major(settlement.carriedInMinor(), settlement));
        item.put("net", major(settlement.netMinor(), settlement));
        item.put("payout", major(settlement.payoutMinor(), settlement));
        item.put("carriedOut", major(settlement.carriedOutMinor(), settlement));
        item.put("payoutStatus", WireEnums.wireName(settlement.payoutStatus()));
        item.put("lineCount", settlement.lines().size());
        item.put("settledAt", settlement.settledAt());
        Participant merchant = parties.merchant(settlement.mode(), settlement.merchantId());
        for (ParticipantId recipient : parties.merchantSide(merchant)) {
            events.publish(settlement.mode(), recipient, EventType.SETTLEMENT_COMPLETED, settlement.id(), item);
        }
    }

    private static Object major(long minor, Settlement settlement) {
        return new Money(minor, settlement.currency()).toMajor();
    }

    private Instant dayStart(Instant at) {
        return at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    private Instant nextDayStart(Instant dayStart) {
        LocalDate day = dayStart.atZone(zone).toLocalDate();
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    // ---- reads and payouts

    @Override
    public Result<Page<Settlement>> list(Caller caller, Query query, PageRequest page) {
        if (caller.principal().role() == Role.BANK) {
            return Result.refused(BillingProblem.MERCHANT_NOT_FOUND);
        }
        return switch (parties.readableMerchants(caller)) {
            case Result.Ok<MerchantScope> ok ->
                Result.ok(stores.settlements().list(caller.mode(), ok.value(), query.from(), query.to(), page));
            case Result.Refused<MerchantScope> refused -> refused.refusalAs();
        };
    }

    @Override
    public Result<Settlement> find(Caller caller, String settlementId) {
        return stores.settlements()
                .find(caller.mode(), settlementId)
                .filter(s -> caller.principal().role() != Role.BANK
                        && parties.isParty(caller, s.merchantId(), s.merchantId()))
                .<Result<Settlement>>map(Result::ok)
                .orElseGet(() -> Result.refused(BillingProblem.SETTLEMENT_NOT_FOUND));
    }

    @Override
    public Result<Settlement> markPayout(Mode mode, String settlementId, PayoutStatus status) {
        return stores.transactor().inTransaction(() -> {
            Optional<Settlement> found = stores.settlements().find(mode, settlementId);
            if (found.isEmpty()) {
                return Result.refused(BillingProblem.SETTLEMENT_NOT_FOUND);
            }
            if (!found.get().payoutStatus().canBecome(status)) {
                return Result.refused(BillingProblem.PAYOUT_STATUS_CONFLICT);
            }
            Settlement next = found.get().withPayoutStatus(status, clock.now());
            if (!stores.settlements().update(next)) {
                return Result.refused(BillingProblem.CONCURRENT_MODIFICATION);
            }
            return Result.ok(next);
        });
    }

    @Override
    public Result<PayoutAccount> setPayoutAccount(Caller caller, PayoutAccount account) {
        return switch (parties.actingMerchant(caller)) {
            case Result.Ok<Participant> ok ->
                stores.transactor().inTransaction(() -> {
                    stores.payoutAccounts().save(caller.mode(), ok.value().id(), account);
                    return Result.ok(account);
                });
            case Result.Refused<Participant> refused -> refused.refusalAs();
        };
    }

    @Override
    public Result<Optional<PayoutAccount>> payoutAccount(Caller caller) {
        return switch (parties.actingMerchant(caller)) {
            case Result.Ok<Participant> ok ->
                Result.ok(stores.payoutAccounts().find(caller.mode(), ok.value().id()));
            case Result.Refused<Participant> refused -> refused.refusalAs();
        };
    }
}
