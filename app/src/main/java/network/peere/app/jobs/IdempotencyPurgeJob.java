package network.peere.app.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.peere.core.ports.in.idempotency.RunIdempotently;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets idempotency keys past their 24 h retention, in batches, on a timer. Safe with several server processes: each
 * delete rechecks expiry, so two purgers only share the work.
 */
public final class IdempotencyPurgeJob implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofMinutes(10);
    public static final int BATCH_SIZE = 1000;
    /** Bounds one run, so a large backlog is worked off over several runs instead of holding a thread. */
    public static final int BATCHES_PER_RUN_MAX = 50;

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

    private final RunIdempotently idempotency;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peere-idempotency-purge");
        thread.setDaemon(true);
        return thread;
    });

    public IdempotencyPurgeJob(RunIdempotently idempotency) {
        this.idempotency = idempotency;
    }

    public IdempotencyPurgeJob start() {
        timer.scheduleWithFixedDelay(this::runOnce, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** @return how many keys were forgotten */
    public int runOnce() {
        int total = 0;
        try {
            for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
                int purged = idempotency.purgeExpired(BATCH_SIZE);
                total += purged;
                if (purged < BATCH_SIZE) {
                    break;
                }
            }
            if (total > 0) {
                LOG.info("forgot {} expired idempotency keys", total);
            }
        } catch (RuntimeException e) {
            // A failed run (database briefly away) is retried at the next interval; the timer must survive it.
            LOG.warn("idempotency purge failed; retrying at the next interval", e);
        }
        return total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
