package network.peere.core.services.money;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.Posting;
import network.peere.core.domain.money.AmountParser;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.refund.RefundType;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.money.RefundCharges;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.billing.Parties;

/**
 * Refunds, each in one transaction with its ledger postings and webhook. The charge's refunded total grows by a
 * conditional update first (which also takes the charge's row lock), so concurrent refunds never take more than the
 * charge and each computes its share of the fee from a settled history.
 */
public final class RefundService implements RefundCharges {
    public static final String JOURNAL_PREFIX = "jtx";
    public static final String COMPLETED_DESCRIPTION = "refund completed";

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final PublishEvents events;
    private final Parties parties;

    public RefundService(PeereStores stores, Clock clock, IdGenerator ids, PublishEvents events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.events = Objects.requireNonNull(events, "events");
        this.parties = new Parties(stores);
    }

    @Override
    public Result<Refund> initiate(Initiate command) {
        Result<Participant> acting = parties.actingMerchant(command.caller());
        if (!(acting instanceof Result.Ok<Participant> ok)) {
            return acting.refusalAs();
        }
        Participant merchant = ok.value();
        Mode mode = merchant.mode();
        return stores.transactor().inTransaction(() -> {
            Optional<Charge> found = stores.charges()
                    .find(mode, command.transactionId())
                    .filter(c -> c.merchantId().equals(merchant.id()));
            if (found.isEmpty()) {
                return Result.refused(BillingProblem.TRANSACTION_NOT_FOUND);
            }
            Charge charge = found.get();
            if (charge.status() != ChargeStatus.CONFIRMED) {
                return Result.refused(BillingProblem.TRANSACTION_NOT_REFUNDABLE);
            }
            if (!(AmountParser.parse(command.amount(), charge.amount().currency())
                    instanceof AmountParser.Parsed.Valid valid)) {
                return Result.refused(BillingProblem.INVALID_AMOUNT);
            }
            Money amount = valid.money();
            Money remaining = charge.refundable();
            if (amount.compareTo(remaining) > 0) {
                return Result.refused(BillingProblem.REFUND_EXCEEDS_REMAINDER);
            }
            if (command.type() == RefundType.FULL && !amount.equals(remaining)) {
                return Result.refused(BillingProblem.REFUND_TYPE_MISMATCH);
            }
            // The conditional update is the guard (and the charge's row lock): a concurrent refund that got here first
            // has already taken its part.
            if (!stores.charges().addRefunded(mode, charge.id(), amount.minor())) {
                return Result.refused(BillingProblem.REFUND_EXCEEDS_REMAINDER);
            }
            Money zero = Money.zero(amount.currency());
            Money refundedBefore = zero;
            Money feeReturnedBefore = zero;
            for (Refund earlier : stores.refunds().forCharge(mode, charge.id())) {
                if (earlier.status() != RefundStatus.FAILED) {
                    refundedBefore = refundedBefore.plus(earlier.amount());
                    feeReturnedBefore = feeReturnedBefore.plus(earlier.feeReturned());
                }
            }
            Money feeReturned =
                    FeeSchedule.feeReturned(charge.amount(), charge.fee(), refundedBefore, feeReturnedBefore, amount);
            var now = clock.now();
            Refund refund = new Refund(
                    ids.newId(Refund.ID_PREFIX),
                    mode,
                    charge.id(),
                    merchant.id(),
                    charge.bankId(),
                    charge.customerId(),
                    amount,
                    feeReturned,
                    command.type(),
                    command.reason(),
                    command.metadata(),
                    command.caller().principal().participantId(),
                    RefundStatus.PENDING,
                    Optional.empty(),
                    Optional.empty(),
                    now,
                    now,
                    Optional.empty(),
                    1);
            stores.refunds().insert(refund);
            stores.ledger().post(initiation(refund, SettlementLine.Kind.REFUND, 1));
            events.publish(mode, refund.bankId(), EventType.REFUND_REQUEST, refund.id(), requestItem(refund, charge));
            return Result.ok(refund);
        });
    }

    @Override
    public Result<Refund> find(Caller caller, String refundId) {
        return stores.refunds()
                .find(caller.mode(), refundId)
                .filter(r -> parties.isParty(caller, r.merchantId(), r.bankId()))
                .<Result<Refund>>map(Result::ok)
                .orElseGet(() -> Result.refused(BillingProblem.REFUND_NOT_FOUND));
    }

    @Override
    public Result<Page<Refund>> list(Caller caller, PageRequest page) {
        return switch (parties.readableMerchants(caller)) {
            case Result.Ok<MerchantScope> ok -> Result.ok(stores.refunds().list(caller.mode(), ok.value(), page));
            case Result.Refused<MerchantScope> refused -> refused.refusalAs();
        };
    }

    @Override
    public Result<Refund> answer(Answer answer) {
        return answerAs(answer.bank().mode(), answer.bank().participantId(), answer);
    }

    /** Also the sandbox bank's way in. */
    public Result<Refund> answerAs(Mode mode, ParticipantId bankId, Answer answer) {
        return stores.transactor().inTransaction(() -> {
            Optional<Refund> found = stores.refunds()
                    .find(mode, answer.refundId())
                    .filter(r -> r.bankId().equals(bankId));
            if (found.isEmpty()) {
                return Result.refused(BillingProblem.REFUND_NOT_FOUND);
            }
            Refund refund = found.get();
            if (refund.status().isFinal()) {
                return Result.refused(BillingProblem.REFUND_ALREADY_FINAL);
            }
            if (answer.status() == RefundStatus.PROCESSING && refund.status() == RefundStatus.PROCESSING) {
                return Result.ok(refund);
            }
            var now = clock.now();
            Refund next = switch (answer.status()) {
                case PROCESSING -> refund.processing(answer.bankReference(), now);
                case COMPLETED -> refund.complete(answer.bankReference(), now);
                case FAILED -> refund.fail(answer.failureReason().orElse("declined_by_bank"), now);
                case PENDING -> throw new IllegalArgumentException("a bank never answers pending");
            };
            if (!stores.refunds().update(next)) {
                // Another answer moved it first: this one changes nothing, like an answer after the end.
                return Result.refused(BillingProblem.REFUND_ALREADY_FINAL);
            }
            if (next.status() == RefundStatus.COMPLETED) {
                stores.ledger().post(completion(next));
            } else if (next.status() == RefundStatus.FAILED) {
                stores.charges()
                        .subtractRefunded(mode, next.chargeId(), next.amount().minor());
                stores.ledger().post(initiation(next, SettlementLine.Kind.REFUND_REVERSAL, -1));
            }
            announce(next);
            return Result.ok(next);
        });
    }

    /**
     * A refund initiated ({@code sign} 1) or failed ({@code sign} -1, its reversal): the merchant's payable gives up
     * the refund less the fee returned, the network's fee revenue gives back that fee, and the whole refund is in
     * flight until the bank credits the customer.
     */
    private JournalTransaction initiation(Refund refund, SettlementLine.Kind kind, int sign) {
        Money fromMerchant = refund.amount().minus(refund.feeReturned());
        List<Posting> postings = new ArrayList<>();
        if (fromMerchant.isPositive()) {
            postings.add(new Posting(
                    new Account(
                            AccountType.MERCHANT_PAYABLE, refund.merchantId().value()),
                    signed(fromMerchant, sign)));
        }
        if (refund.feeReturned().isPositive()) {
            postings.add(new Posting(
                    new Account(AccountType.FEE_REVENUE, Account.NETWORK), signed(refund.feeReturned(), sign)));
        }
        postings.add(new Posting(
                new Account(AccountType.REFUNDS_IN_FLIGHT, Account.NETWORK), signed(refund.amount(), -sign)));
        return new JournalTransaction(
                ids.newId(JOURNAL_PREFIX),
                refund.mode(),
                refund.id(),
                kind.description(),
                kind == SettlementLine.Kind.REFUND ? refund.createdAt() : refund.updatedAt(),
                postings);
    }

    /** The bank credited its customer: it owes the network that much less. */
    private JournalTransaction completion(Refund refund) {
        return new JournalTransaction(
                ids.newId(JOURNAL_PREFIX),
                refund.mode(),
                refund.id(),
                COMPLETED_DESCRIPTION,
                refund.updatedAt(),
                List.of(
                        new Posting(new Account(AccountType.REFUNDS_IN_FLIGHT, Account.NETWORK), refund.amount()),
                        new Posting(
                                new Account(
                                        AccountType.BANK_SETTLEMENT,
                                        refund.bankId().value()),
                                signed(refund.amount(), -1))));
    }

    private static Money signed(Money money, int sign) {
        return new Money(sign * money.minor(), money.currency());
    }

    private Map<String, Object> requestItem(Refund refund, Charge charge) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("refundId", refund.id());
        item.put("originalTransactionId", charge.id());
        item.put("customerId", refund.customerId().value());
        item.put("amount", refund.amount().toMajor());
        item.put("originalAmount", charge.amount().toMajor());
        item.put("currency", refund.amount().currency().getCurrencyCode());
        item.put("refundType", WireEnums.wireName(refund.type()));
        item.put("reason", refund.reason());
        item.put("bankTransactionId", charge.bankTransactionId().orElse(null));
        item.put("metadata", refund.metadata().orElse(null));
        item.put("createdAt", refund.createdAt());
        return item;
    }

    /** {@code refund.response} to the merchant and its provider. */
    private void announce(Refund refund) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("refundId", refund.id());
        item.put("originalTransactionId", refund.chargeId());
        item.put("amount", refund.amount().toMajor());
        item.put("currency", refund.amount().currency().getCurrencyCode());
        item.put("status", WireEnums.wireName(refund.status()));
        item.put("refundType", WireEnums.wireName(refund.type()));
        item.put("feeReturned", refund.feeReturned().toMajor());
        item.put("bankReference", refund.bankReference().orElse(null));
        item.put("failureReason", refund.failureReason().orElse(null));
        item.put("metadata", refund.metadata().orElse(null));
        item.put("processedAt", refund.processedAt().orElse(null));
        for (ParticipantId recipient : parties.merchantSide(parties.merchant(refund.mode(), refund.merchantId()))) {
            events.publish(refund.mode(), recipient, EventType.REFUND_RESPONSE, refund.id(), item);
        }
    }
}
