package network.peere.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.domain.webhook.DeliveryAttempt;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookDelivery;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.ports.in.webhook.DeliverWebhooks;
import org.junit.jupiter.api.Test;

/**
 * The worker sends every claimed delivery once, never more at once than its concurrency, claims ahead of its senders
 * by at most half that, reports an outcome only once recorded, and stops sending while its recorder is behind.
 */
class WebhookDeliveryJobTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration POLL = Duration.ofMillis(5);
    private static final int CONCURRENCY = 8;

    /** A queue of {@code due} deliveries, each sent by calling {@code sending} (which may block). */
    private static final class FakeDeliveries implements DeliverWebhooks {
        final AtomicInteger due;
        final AtomicInteger claimed = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger sendingNow = new AtomicInteger();
        final AtomicInteger sendingMax = new AtomicInteger();
        final AtomicInteger unsentMax = new AtomicInteger();
        final Map<String, Integer> sends = new ConcurrentHashMap<>();
        final Set<String> recorded = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch sendGate = new CountDownLatch(0);
        volatile CountDownLatch recordGate = new CountDownLatch(0);

        FakeDeliveries(int due) {
            this.due = new AtomicInteger(due);
        }

        @Override
        public synchronized List<ClaimedDelivery> claimDue(int limit) {
            List<ClaimedDelivery> claims = new ArrayList<>();
            while (claims.size() < limit && due.get() > 0) {
                claims.add(claim("batch_" + due.getAndDecrement()));
            }
            int unsent = claimed.addAndGet(claims.size()) - sent.get();
            unsentMax.accumulateAndGet(unsent, Math::max);
            return claims;
        }

        @Override
        public Finished send(ClaimedDelivery claim) {
            sendingMax.accumulateAndGet(sendingNow.incrementAndGet(), Math::max);
            try {
                sendGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sends.merge(claim.delivery().id(), 1, Integer::sum);
            sendingNow.decrementAndGet();
            sent.incrementAndGet();
            var attempt = new DeliveryAttempt(
                    claim.delivery().id(),
                    1,
                    T0,
                    OptionalInt.of(200),
                    Duration.ofMillis(1),
                    Optional.empty(),
                    DeliveryAttempt.Result.DELIVERED);
            return new Finished(
                    claim, attempt, DeliveryStatus.DELIVERED, T0, new Outcome.Delivered(200), Optional.empty());
        }

        @Override
        public List<Outcome> record(List<Finished> finished) {
            try {
                recordGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.forEach(f -> recorded.add(f.claim().delivery().id()));
            return finished.stream().map(Finished::outcome).toList();
        }

        private static ClaimedDelivery claim(String id) {
            return new ClaimedDelivery(
                    new WebhookDelivery(
                            id,
                            Mode.SANDBOX,
                            new ParticipantId("mer_1"),
                            new WebhookEndpointId("whe_1"),
                            EventType.WEBHOOK_TEST,
                            DeliveryStatus.PENDING,
                            0,
                            1,
                            T0,
                            T0,
                            Optional.empty()),
                    "lease_1",
                    List.of());
        }
    }

    @Test
    void sends_every_due_delivery_once_and_never_more_at_once_than_its_concurrency() {
        var deliveries = new FakeDeliveries(2_000);
        var reported = new AtomicInteger();

        try (var job =
                new WebhookDeliveryJob(deliveries, CONCURRENCY, POLL, outcome -> reported.incrementAndGet()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reported.get() == 2_000);
        }

        assertThat(deliveries.sends).hasSize(2_000);
        assertThat(deliveries.sends.values()).containsOnly(1);
        assertThat(deliveries.sendingMax.get()).isBetween(1, CONCURRENCY);
        assertThat(deliveries.unsentMax.get()).isLessThanOrEqualTo(CONCURRENCY + CONCURRENCY / 2);
    }

    @Test
    void reports_an_outcome_only_once_its_attempt_is_recorded() {
        var deliveries = new FakeDeliveries(300);
        var reportedUnrecorded = new AtomicInteger();
        var reported = new AtomicInteger();

        try (var job = new WebhookDeliveryJob(deliveries, CONCURRENCY, POLL, outcome -> {
                    reported.incrementAndGet();
                    if (deliveries.recorded.size() < reported.get()) {
                        reportedUnrecorded.incrementAndGet();
                    }
                })
                .start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reported.get() == 300);
        }

        assertThat(reportedUnrecorded.get()).isZero();
    }

    @Test
    void claims_ahead_of_busy_senders_by_half_its_concurrency() {
        var deliveries = new FakeDeliveries(1_000);
        deliveries.sendGate = new CountDownLatch(1);

        try (var job = new WebhookDeliveryJob(deliveries, CONCURRENCY, POLL, outcome -> {}).start()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deliveries.claimed.get() == CONCURRENCY + CONCURRENCY / 2
                            && deliveries.sendingNow.get() == CONCURRENCY);
            sleep(Duration.ofMillis(200));

            assertThat(deliveries.claimed.get()).isEqualTo(CONCURRENCY + CONCURRENCY / 2);
            assertThat(deliveries.sendingNow.get()).isEqualTo(CONCURRENCY);
            deliveries.sendGate.countDown();
        }
    }

    @Test
    void stops_sending_while_its_recorder_is_behind() {
        var deliveries = new FakeDeliveries(5_000);
        deliveries.recordGate = new CountDownLatch(1);
        var reported = new AtomicInteger();

        try (var job =
                new WebhookDeliveryJob(deliveries, CONCURRENCY, POLL, outcome -> reported.incrementAndGet()).start()) {
            int bound = DeliverWebhooks.RECORD_BATCH_MAX + WebhookDeliveryJob.RECORD_BACKLOG_MAX + CONCURRENCY;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deliveries.sent.get() >= WebhookDeliveryJob.RECORD_BACKLOG_MAX);
            sleep(Duration.ofMillis(300));
            int sent = deliveries.sent.get();
            sleep(Duration.ofMillis(300));

            assertThat(deliveries.sent.get()).isEqualTo(sent).isLessThanOrEqualTo(bound);
            assertThat(reported.get()).isZero();
            deliveries.recordGate.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> reported.get() == 5_000);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
