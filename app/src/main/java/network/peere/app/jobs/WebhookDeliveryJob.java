package network.peere.app.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.ports.in.webhook.DeliverWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery worker: every {@code pollInterval} it leases due deliveries and sends them on up to {@code concurrency}
 * virtual threads, claiming again at once while there is more due. Any number of these may run, in one process or
 * many on one database: leases decide who sends what.
 *
 * <p>Sent attempts are recorded behind the senders: one recorder thread takes whatever finished while its previous
 * batch was committing and records it all in one transaction (one redo-log flush, not one per delivery). An attempt
 * holds its slot, and its outcome is reported, only once it is recorded; one that dies unrecorded is sent again when
 * its lease expires.
 */
public final class WebhookDeliveryJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryJob.class);
    /** Bounds one poll, so the timer thread returns to its schedule even under a large backlog. */
    public static final int CLAIMS_PER_POLL_MAX = 50;
    /** How long a busy worker waits for half its capacity before claiming for what is free. */
    public static final Duration CLAIM_BATCH_WAIT = Duration.ofMillis(50);
    /** How often an idle recorder looks whether the worker is closing. */
    private static final Duration RECORDER_IDLE = Duration.ofMillis(100);
    /** How long closing waits for the last sent attempts to be recorded. */
    private static final Duration CLOSE_RECORD_WAIT = Duration.ofSeconds(5);

    private final DeliverWebhooks deliver;
    private final int concurrency;
    private final Duration pollInterval;
    private final Consumer<DeliverWebhooks.Outcome> observer;
    private final Semaphore inFlight;
    private final int claimBatch;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<DeliverWebhooks.Finished> finished = new LinkedBlockingQueue<>();
    private final Thread recorder =
            Thread.ofPlatform().name("peere-webhook-recorder").daemon(true).unstarted(this::recordWhileRunning);
    private volatile boolean closing;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peere-webhook-delivery");
        thread.setDaemon(true);
        return thread;
    });

    public WebhookDeliveryJob(
            DeliverWebhooks deliver,
            int concurrency,
            Duration pollInterval,
            Consumer<DeliverWebhooks.Outcome> observer) {
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.concurrency = concurrency;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.inFlight = new Semaphore(concurrency);
        this.claimBatch = Math.max(1, Math.min(concurrency / 2, DeliverWebhooks.CLAIM_LIMIT_MAX));
    }

    public WebhookDeliveryJob start() {
        recorder.start();
        timer.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Claims what is due, as many times as there is free capacity and more due; returns how many it claimed. */
    public int poll() {
        int total = 0;
        try {
            for (int round = 0; round < CLAIMS_PER_POLL_MAX; round++) {
                int free = Math.min(inFlight.availablePermits(), DeliverWebhooks.CLAIM_LIMIT_MAX);
                if (free < claimBatch) {
                    // Under a backlog, wait a moment for half the capacity rather than claim for every finished
                    // attempt: one claim transaction then serves many attempts. Only a moment, so slots held by slow
                    // receivers do not hold up the others.
                    if (inFlight.tryAcquire(claimBatch, CLAIM_BATCH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        inFlight.release(claimBatch);
                        continue;
                    }
                    free = Math.min(inFlight.availablePermits(), DeliverWebhooks.CLAIM_LIMIT_MAX);
                    if (free == 0) {
                        inFlight.acquire();
                        inFlight.release();
                        continue;
                    }
                }
                List<ClaimedDelivery> claimed = deliver.claimDue(free);
                for (ClaimedDelivery claim : claimed) {
                    inFlight.acquire();
                    senders.execute(() -> attempt(claim));
                }
                total += claimed.size();
                if (claimed.size() < free) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The database may be briefly away; leased rows come back when their lease expires.
            LOG.warn("claiming webhook deliveries failed; retrying at the next poll", e);
        }
        return total;
    }

    private void attempt(ClaimedDelivery claim) {
        boolean handedOver = false;
        try {
            finished.add(deliver.send(claim));
            handedOver = true;
        } catch (RuntimeException e) {
            LOG.warn(
                    "webhook delivery {} failed unexpectedly; it is retried when its lease expires",
                    claim.delivery().id(),
                    e);
        } finally {
            if (!handedOver) {
                inFlight.release();
            }
        }
    }

    /** Until closed and drained: records what finished since the last batch, then reports it and frees its slots. */
    private void recordWhileRunning() {
        List<DeliverWebhooks.Finished> batch = new ArrayList<>();
        while (!(closing && finished.isEmpty())) {
            try {
                DeliverWebhooks.Finished first = finished.poll(RECORDER_IDLE.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                finished.drainTo(batch, DeliverWebhooks.RECORD_BATCH_MAX - 1);
                record(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                inFlight.release(batch.size());
                batch.clear();
            }
        }
    }

    private void record(List<DeliverWebhooks.Finished> batch) {
        List<DeliverWebhooks.Outcome> outcomes;
        try {
            outcomes = deliver.record(batch);
        } catch (RuntimeException e) {
            // One bad attempt must not cost the others theirs: record them alone.
            LOG.warn("recording {} webhook attempts together failed; recording them one by one", batch.size(), e);
            for (DeliverWebhooks.Finished one : batch) {
                try {
                    observer.accept(deliver.record(List.of(one)).get(0));
                } catch (RuntimeException alone) {
                    LOG.warn(
                            "webhook delivery {} could not be recorded; it is retried when its lease expires",
                            one.claim().delivery().id(),
                            alone);
                }
            }
            return;
        }
        for (DeliverWebhooks.Outcome outcome : outcomes) {
            try {
                observer.accept(outcome);
            } catch (RuntimeException e) {
                LOG.warn("a webhook outcome observer failed", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
            closing = true;
            if (recorder.isAlive()) {
                recorder.join(CLOSE_RECORD_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            closing = true;
        }
    }
}
