package network.peere.app.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.peere.core.ports.in.billing.RunBillingDeadlines;
import network.peere.core.ports.in.billing.SimulateBanks;
import network.peere.core.ports.in.money.SettleMerchants;
import network.peere.core.ports.in.recurring.RunRenewals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing timers: expire intents and billing requests past their deadline, let the sandbox bank answer what is
 * due for simulated banks (intents, billing requests, refunds), settle the merchant windows that are due, and run the
 * renewal engine (recurring notices, due periods and retries). Both are safe with several server processes on one database: every object moves with a
 * conditional update, so two processes only share the work.
 */
public final class BillingJobs implements AutoCloseable {
    public static final Duration DEADLINE_INTERVAL = Duration.ofSeconds(5);
    public static final int BATCH_SIZE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(BillingJobs.class);

    private final RunBillingDeadlines deadlines;
    private final SimulateBanks simulator;
    private final Duration simulatorInterval;
    private final SettleMerchants settlements;
    private final Duration settlementInterval;
    private RunRenewals renewals;
    private Duration renewalInterval;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "peere-billing");
        thread.setDaemon(true);
        return thread;
    });

    public BillingJobs(
            RunBillingDeadlines deadlines,
            SimulateBanks simulator,
            Duration simulatorInterval,
            SettleMerchants settlements,
            Duration settlementInterval) {
        this.settlements = settlements;
        this.settlementInterval = settlementInterval;
        this.deadlines = deadlines;
        this.simulator = simulator;
        this.simulatorInterval = simulatorInterval;
    }

    /** Also runs the renewal engine every {@code interval}; call before {@link #start()}. */
    public BillingJobs renewing(RunRenewals engine, Duration interval) {
        this.renewals = engine;
        this.renewalInterval = interval;
        return this;
    }

    public BillingJobs start() {
        if (renewals != null) {
            timer.scheduleWithFixedDelay(
                    this::renewOnce, renewalInterval.toMillis(), renewalInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        timer.scheduleWithFixedDelay(
                this::expireOnce, DEADLINE_INTERVAL.toMillis(), DEADLINE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                this::simulateOnce, simulatorInterval.toMillis(), simulatorInterval.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                this::settleOnce, settlementInterval.toMillis(), settlementInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** @return how many settlement windows closed */
    public int settleOnce() {
        try {
            int settled = settlements.settleDue(BATCH_SIZE);
            if (settled > 0) {
                LOG.info("settled {} merchant windows", settled);
            }
            return settled;
        } catch (RuntimeException e) {
            LOG.warn("settlement run failed; retrying at the next interval", e);
            return 0;
        }
    }

    /** @return how many notices, renewals and retries the renewal engine made */
    public int renewOnce() {
        if (renewals == null) {
            return 0;
        }
        try {
            int total = 0;
            int done;
            do {
                done = renewals.runDue(BATCH_SIZE);
                total += done;
            } while (done >= BATCH_SIZE);
            if (total > 0) {
                LOG.info("renewal engine: {} notices, renewals and retries", total);
            }
            return total;
        } catch (RuntimeException e) {
            // A lost race or a database hiccup rolls one step back; the next run picks the work up again.
            LOG.warn("renewal run failed; retrying at the next interval", e);
            return 0;
        }
    }

    /** @return how many intents and billing requests expired */
    public int expireOnce() {
        try {
            int total = 0;
            int ended;
            do {
                ended = deadlines.expireDue(BATCH_SIZE);
                total += ended;
            } while (ended >= BATCH_SIZE);
            if (total > 0) {
                LOG.info("expired {} unanswered intents and billing requests", total);
            }
            return total;
        } catch (RuntimeException e) {
            // The timer must survive a failed run (database briefly away); the next run picks the work up.
            LOG.warn("billing deadline run failed; retrying at the next interval", e);
            return 0;
        }
    }

    /** @return how many intents and billing requests the sandbox bank answered */
    public int simulateOnce() {
        try {
            int total = 0;
            int answered;
            do {
                answered = simulator.answerDue(BATCH_SIZE);
                total += answered;
            } while (answered >= BATCH_SIZE);
            return total;
        } catch (RuntimeException e) {
            LOG.warn("sandbox bank run failed; retrying at the next interval", e);
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
