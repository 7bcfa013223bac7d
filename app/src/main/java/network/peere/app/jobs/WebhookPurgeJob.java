package network.peere.app.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.peere.core.ports.in.webhook.PurgeWebhookHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets webhook deliveries, attempts and events past their retention ({@code PEERE_WEBHOOK_RETENTION_DAYS}), in
 * batches, on a timer. Safe with several server processes: purgers skip the rows another is deleting, and every
 * delete rechecks its conditions.
 */
public final class WebhookPurgeJob implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofMinutes(10);
    public static final int BATCH_SIZE = 500;
    /** Bounds one run, so a large backlog is worked off over several runs instead of holding a thread. */
    public static final int BATCHES_PER_RUN_MAX = 50;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPurgeJob.class);

    private final PurgeWebhookHistory history;
    private final Duration retention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peere-webhook-purge");
        thread.setDaemon(true);
        return thread;
    });

    public WebhookPurgeJob(PurgeWebhookHistory history, Duration retention) {
        this.history = Objects.requireNonNull(history, "history");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    public WebhookPurgeJob start() {
        timer.scheduleWithFixedDelay(this::runOnce, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** @return how many deliveries and events were forgotten */
    public PurgeWebhookHistory.Purged runOnce() {
        int deliveries = 0;
        int events = 0;
        try {
            for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
                PurgeWebhookHistory.Purged purged = history.purge(retention, BATCH_SIZE);
                deliveries += purged.deliveries();
                events += purged.events();
                if (purged.deliveries() < BATCH_SIZE && purged.events() < BATCH_SIZE) {
                    break;
                }
            }
            if (deliveries > 0 || events > 0) {
                LOG.info("forgot {} webhook deliveries and {} events older than {}", deliveries, events, retention);
            }
        } catch (RuntimeException e) {
            // A failed run (database briefly away) is retried at the next interval; the timer must survive it.
            LOG.warn("webhook history purge failed; retrying at the next interval", e);
        }
        return new PurgeWebhookHistory.Purged(deliveries, events);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
