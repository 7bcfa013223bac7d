package network.peere.core.services.billing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.SimulateBanks;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.SimulatedBankStore.Simulation;

/**
 * The sandbox bank (docs/sandbox.md): answers a simulated bank's intents and billing requests through the same code a
 * real bank's calls reach, by rules a developer can steer from the outside, like test card numbers.
 */
public final class BankSimulator implements SimulateBanks {
    /** How long an agreement the sandbox bank approves for a {@code +expire} customer lasts. */
    public static final java.time.Duration EXPIRES_AFTER = java.time.Duration.ofMinutes(2);

    /** Cents that decline a charge for insufficient funds, and that leave it unanswered until it expires. */
    static final long DECLINE_CENTS = 51;

    static final long IGNORE_CENTS = 52;
    static final String INSUFFICIENT_FUNDS = "insufficient_funds";
    /** Cents of a refund the sandbox bank fails, and why. */
    static final long REFUND_FAIL_CENTS = 53;

    static final String ACCOUNT_CLOSED = "account_closed";
    /**
     * Billing requests answered side by side, each still in its own transaction (see {@link ChargeService}'s lock
     * order), so the sandbox bank keeps up with a merchant billing from many connections.
     */
    static final int ANSWERERS = 4;

    /**
     * Approvals answered in one transaction ({@link ChargeService#answerApprovals}): each costs its own writes, the
     * transaction's begin, commit and reads are shared.
     */
    static final int APPROVALS_PER_TRANSACTION = 50;

    private final PeereStores stores;
    private final Clock clock;
    private final IntentService intents;
    private final ChargeService charges;
    private final network.peere.core.services.money.RefundService refunds;

    public BankSimulator(
            PeereStores stores,
            Clock clock,
            IntentService intents,
            ChargeService charges,
            network.peere.core.services.money.RefundService refunds) {
        this.refunds = Objects.requireNonNull(refunds, "refunds");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intents = Objects.requireNonNull(intents, "intents");
        this.charges = Objects.requireNonNull(charges, "charges");
    }

    @Override
    public Result<Optional<Simulation>> configure(ParticipantId bankId, Optional<Duration> delay) {
        Optional<Participant> sandboxBank =
                stores.participants().find(Mode.SANDBOX, bankId).filter(p -> p.role() == Role.BANK);
        if (sandboxBank.isEmpty()) {
            boolean liveBank = stores.participants()
                    .find(Mode.LIVE, bankId)
                    .filter(p -> p.role() == Role.BANK)
                    .isPresent();
            return Result.refused(liveBank ? BillingProblem.SIMULATION_NOT_ALLOWED : BillingProblem.BANK_NOT_FOUND);
        }
        if (delay.isEmpty()) {
            stores.simulatedBanks().remove(bankId);
            return Result.ok(Optional.empty());
        }
        var simulation = new Simulation(bankId, delay.get());
        stores.simulatedBanks().save(simulation);
        return Result.ok(Optional.of(simulation));
    }

    @Override
    public Optional<Simulation> simulation(ParticipantId bankId) {
        return stores.simulatedBanks().find(bankId);
    }

    @Override
    public int answerDue(int limit) {
        int answered = 0;
        for (Simulation simulation : stores.simulatedBanks().all()) {
            var before = clock.now().minus(simulation.delay());
            for (Agreement intent :
                    stores.agreements().awaitingBank(Mode.SANDBOX, simulation.bankId(), before, limit)) {
                answered += answerIntent(intent) ? 1 : 0;
            }
            for (network.peere.core.domain.refund.Refund refund :
                    stores.refunds().awaitingBank(Mode.SANDBOX, simulation.bankId(), before, limit)) {
                answered += answerRefund(refund) ? 1 : 0;
            }
            // The charges it leaves to expire stay out of the read, so no number of them hides the ones behind.
            answered += answerCharges(
                    stores.charges().awaitingBank(Mode.SANDBOX, simulation.bankId(), before, IGNORE_CENTS, limit));
        }
        return answered;
    }

    private boolean answerIntent(Agreement intent) {
        Optional<Customer> customer = stores.customers().find(intent.mode(), intent.bankId(), intent.customerId());
        String email = customer.map(c -> c.details().email().value()).orElse("");
        Rule rule = Rule.forEmail(email);
        CustomerDecision decision = rule.decision()
                .orElse(
                        intent.type() == IntentType.ONE_TIME
                                ? CustomerDecision.APPROVE_ONCE
                                : CustomerDecision.APPROVE_RECURRING);
        var response = new AnswerIntents.Response(
                simulatorPrincipal(intent.bankId()),
                intent.intentReference(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                decision,
                Optional.empty(),
                rule == Rule.BLOCK,
                rule == Rule.EXPIRE ? Optional.of(clock.now().plus(EXPIRES_AFTER)) : Optional.empty());
        return intents.answerIntent(intent.mode(), intent.bankId(), response) instanceof Result.Ok<?>;
    }

    /**
     * Up to {@link #ANSWERERS} threads take the due charges: approvals in batches of up to
     * {@link #APPROVALS_PER_TRANSACTION} per transaction, declines (and whatever a batch leaves) one by one, each in
     * its own transaction; failures surface together once all have stopped. Never called inside a transaction: the
     * answerers would wait for its locks.
     */
    private int answerCharges(List<Charge> due) {
        List<AnswerBillingRequests.Answer> approvals = new ArrayList<>();
        List<Supplier<Integer>> work = new ArrayList<>();
        for (Charge charge : due) {
            answerTo(charge).ifPresent(answer -> {
                if (answer.action().approves()) {
                    approvals.add(answer);
                } else {
                    work.add(() -> answerOne(answer));
                }
            });
        }
        int perBatch = Math.max(1, Math.min(APPROVALS_PER_TRANSACTION, (approvals.size() + ANSWERERS - 1) / ANSWERERS));
        for (int from = 0; from < approvals.size(); from += perBatch) {
            List<AnswerBillingRequests.Answer> batch =
                    List.copyOf(approvals.subList(from, Math.min(approvals.size(), from + perBatch)));
            work.add(() -> {
                var done = charges.answerApprovals(
                        Mode.SANDBOX, batch.getFirst().bank().participantId(), batch);
                int answered = done.answered();
                for (AnswerBillingRequests.Answer left : done.left()) {
                    answered += answerOne(left);
                }
                return answered;
            });
        }
        return runAll(work);
    }

    private int answerOne(AnswerBillingRequests.Answer answer) {
        return charges.answerCharge(Mode.SANDBOX, answer.bank().participantId(), answer) instanceof Result.Ok<?>
                ? 1
                : 0;
    }

    /** Runs the work on up to {@link #ANSWERERS} threads, and adds up what each answered. */
    private static int runAll(List<Supplier<Integer>> work) {
        int answerers = Math.min(ANSWERERS, work.size());
        if (answerers < 2) {
            return work.stream().mapToInt(Supplier::get).sum();
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(answerers)) {
            for (int i = 0; i < answerers; i++) {
                workers.add(threads.submit(() -> {
                    for (int k = next.getAndIncrement(); k < work.size(); k = next.getAndIncrement()) {
                        answered.addAndGet(work.get(k).get());
                    }
                }));
            }
        }
        RuntimeException failed = null;
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while answering billing requests", e);
            } catch (ExecutionException e) {
                if (failed == null) {
                    failed = new IllegalStateException("answering a billing request failed", e.getCause());
                } else {
                    failed.addSuppressed(e.getCause());
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return answered.get();
    }

    /** Amounts ending in {@code .52} are left for the deadline (no answer); {@code .51} declined; the rest approved. */
    private static Optional<AnswerBillingRequests.Answer> answerTo(Charge charge) {
        long cents = Math.floorMod(charge.amount().minor(), 100L);
        if (cents == IGNORE_CENTS) {
            return Optional.empty();
        }
        boolean decline = cents == DECLINE_CENTS;
        return Optional.of(new AnswerBillingRequests.Answer(
                simulatorPrincipal(charge.bankId()),
                charge.id(),
                decline ? CustomerDecision.DENY : CustomerDecision.APPROVE_RECURRING,
                decline ? Optional.of(INSUFFICIENT_FUNDS) : Optional.empty(),
                decline ? Optional.empty() : Optional.of("sim_" + charge.id()),
                Optional.empty()));
    }

    /** Refunds of amounts ending in {@code .53} fail ({@code account_closed}); every other refund completes. */
    private boolean answerRefund(network.peere.core.domain.refund.Refund refund) {
        boolean fail = Math.floorMod(refund.amount().minor(), 100L) == REFUND_FAIL_CENTS;
        var answer = new network.peere.core.ports.in.money.RefundCharges.Answer(
                simulatorPrincipal(refund.bankId()),
                refund.id(),
                fail
                        ? network.peere.core.domain.refund.RefundStatus.FAILED
                        : network.peere.core.domain.refund.RefundStatus.COMPLETED,
                fail ? Optional.empty() : Optional.of("sim_" + refund.id()),
                fail ? Optional.of(ACCOUNT_CLOSED) : Optional.empty());
        return refunds.answerAs(refund.mode(), refund.bankId(), answer) instanceof Result.Ok<?>;
    }

    /** Not a real key: the simulator calls the services' bank entry points directly, never through authentication. */
    private static network.peere.core.domain.participant.Principal simulatorPrincipal(ParticipantId bankId) {
        return new network.peere.core.domain.participant.Principal(
                bankId, Mode.SANDBOX, Role.BANK, new network.peere.core.domain.participant.ApiKeyId("key_simulator"));
    }

    /** What a sandbox customer's e-mail asks the simulated bank to decide (docs/sandbox.md). */
    enum Rule {
        DENY("+deny", CustomerDecision.DENY),
        SUSPEND("+suspend", CustomerDecision.SUSPENDED),
        BLOCK("+block", CustomerDecision.DENY),
        /** Approved as usual, with an expiry {@link #EXPIRES_AFTER} after the answer. */
        EXPIRE("+expire", null),
        APPROVE("", null);

        private final String mark;
        private final CustomerDecision decision;

        Rule(String mark, CustomerDecision decision) {
            this.mark = mark;
            this.decision = decision;
        }

        Optional<CustomerDecision> decision() {
            return Optional.ofNullable(decision);
        }

        static Rule forEmail(String email) {
            String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
            for (Rule rule : values()) {
                if (!rule.mark.isEmpty() && local.contains(rule.mark)) {
                    return rule;
                }
            }
            return APPROVE;
        }
    }
}
