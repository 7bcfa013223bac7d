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
import network.peere.webhook.HttpWebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery worker: every {@code pollInterval} it leases due deliveries and sends them on up to {@code concurrency}
 * virtual threads at once, claiming again at once while there is more due. Any number of these may run, in one process
 * or many on one database: leases decide who sends what.
 *
 * <p>Claims run ahead of the senders: up to half the concurrency more deliveries than are being sent may be claimed
 * and waiting for a free sender, so the next claim runs while the senders still have work and a sender never waits on
 * a claim. A waiting delivery is never sent once {@link #SEND_START_MAX} has passed since its claim, so every send
 * ends within its lease.
 *
 * <p>Sent attempts are recorded behind the senders: one recorder thread takes whatever finished while its previous
 * batch was committing and records it all in one transaction (one redo-log flush, not one per delivery). A sender's
 * slot is free again as soon as its answer is handed over; at most {@link #RECORD_BACKLOG_MAX} attempts wait for the
 * recorder, beyond that the senders wait, so a slow database slows the sending. An attempt's outcome is reported only
 * once it is recorded; one that dies unrecorded is sent again when its lease expires (its lease keeps every other
 * worker off it until then).
 */
public final class WebhookDeliveryJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryJob.class);
    /** Bounds one poll, so the timer thread returns to its schedule even under a large backlog. */
    public static final int CLAIMS_PER_POLL_MAX = 50;
    /** How long a busy worker waits for room for a whole claim batch before claiming for what is free. */
    public static final Duration CLAIM_BATCH_WAIT = Duration.ofMillis(50);
    /**
     * The latest a claimed delivery's send may start, counted from before the claim began: a send's timeout is at most
     * {@link HttpWebhookSender#TIMEOUT_MAX}, so one started by then ends before its lease does, with {@link
     * #LEASE_MARGIN} to spare for clock differences between servers.
     */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(15);

    public static final Duration SEND_START_MAX =
            DeliverWebhooks.LEASE.minus(HttpWebhookSender.TIMEOUT_MAX).minus(LEASE_MARGIN);
    /** Sent attempts waiting for the recorder, at most; past it the senders wait for the recorder. */
    public static final int RECORD_BACKLOG_MAX = DeliverWebhooks.RECORD_BATCH_MAX;
    /** How often an idle recorder looks whether the worker is closing. */
    private static final Duration RECORDER_IDLE = Duration.ofMillis(100);
    /** How long closing waits for the last sent attempts to be recorded. */
    private static final Duration CLOSE_RECORD_WAIT = Duration.ofSeconds(5);

    private final DeliverWebhooks deliver;
    private final Duration pollInterval;
    private final Consumer<DeliverWebhooks.Outcome> observer;
    /** Deliveries claimed and not yet handed to the recorder: the ones sending and the ones waiting to. */
    private final Semaphore unsent;
    /** Sends in flight; fair, so waiting deliveries are sent in the order they were claimed. */
    private final Semaphore sending;

    private final int claimBatch;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<DeliverWebhooks.Finished> finished = new LinkedBlockingQueue<>(RECORD_BACKLOG_MAX);
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
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.observer = Objects.requireNonNull(observer, "observer");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.claimBatch = Math.max(1, Math.min(concurrency / 2, DeliverWebhooks.CLAIM_LIMIT_MAX));
        this.sending = new Semaphore(concurrency, true);
        this.unsent = new Semaphore(concurrency + claimBatch);
    }

    public WebhookDeliveryJob start() {
        recorder.start();
        timer.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Claims what is due, as many times as there is room and more due; returns how many it claimed. */
    public int poll() {
        int total = 0;
        try {
            for (int round = 0; round < CLAIMS_PER_POLL_MAX; round++) {
                int free = Math.min(unsent.availablePermits(), DeliverWebhooks.CLAIM_LIMIT_MAX);
                if (free < claimBatch) {
                    // Under a backlog, wait a moment for room for a whole batch rather than claim for every sent
                    // attempt: one claim transaction then serves many attempts. Only a moment, so slots held by slow
                    // receivers do not hold up the others.
                    if (unsent.tryAcquire(claimBatch, CLAIM_BATCH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        unsent.release(claimBatch);
                        continue;
                    }
                    free = Math.min(unsent.availablePermits(), DeliverWebhooks.CLAIM_LIMIT_MAX);
                    if (free == 0) {
                        unsent.acquire();
                        unsent.release();
                        continue;
                    }
                }
                // Only this thread takes these permits, so the room it saw is still there.
                unsent.acquire(free);
                List<ClaimedDelivery> claimed = List.of();
                // Before the claim: its lease runs from a moment inside it, never earlier than this.
                long claimedAt = System.nanoTime();
                try {
                    claimed = deliver.claimDue(free);
                } finally {
                    unsent.release(free - claimed.size());
                }
                for (ClaimedDelivery claim : claimed) {
                    senders.execute(() -> attempt(claim, claimedAt));
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

    private void attempt(ClaimedDelivery claim, long claimedAt) {
        try {
            DeliverWebhooks.Finished done;
            sending.acquire();
            try {
                if (System.nanoTime() - claimedAt > SEND_START_MAX.toNanos()) {
                    LOG.warn(
                            "webhook delivery {} waited too long for a sender; it is sent when its lease expires",
                            claim.delivery().id());
                    return;
                }
                done = deliver.send(claim);
            } finally {
                sending.release();
            }
            finished.put(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn(
                    "webhook delivery {} failed unexpectedly; it is retried when its lease expires",
                    claim.delivery().id(),
                    e);
        } finally {
            unsent.release();
        }
    }

    /** Until closed and drained: records what finished since the last batch, then reports it. */
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
            } catch (RuntimeException | Error e) {
                // The recorder is the only one: it must outlive any one batch, or the senders would wait for it
                // forever. What it failed to record is sent again when its lease expires.
                LOG.error(
                        "recording {} webhook attempts failed; they are retried when their lease expires",
                        batch.size(),
                        e);
            } finally {
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
