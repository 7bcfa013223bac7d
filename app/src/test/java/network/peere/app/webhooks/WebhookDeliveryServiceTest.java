package network.peere.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import network.peere.app.testing.StoreBackend;
import network.peere.app.testing.TestClock;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.EndpointStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.RetrySchedule;
import network.peere.core.domain.webhook.RetrySchedules;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.ports.in.webhook.DeliverWebhooks;
import network.peere.core.ports.in.webhook.DeliverWebhooks.Outcome;
import network.peere.core.ports.in.webhook.ManageWebhookEndpoints;
import network.peere.core.ports.out.WebhookSender;
import network.peere.core.ports.out.WebhookUrlPolicy;
import network.peere.webhook.AesGcmSecretCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the delivery service wires its retry schedules: a receiver's {@code Retry-After} reaches the schedule, each
 * event type is retried on its own configured schedule, and an exhausted delivery is announced to the participant's
 * other endpoints only. In-memory stores, a sender the test answers for, a clock that stands still until moved.
 */
class WebhookDeliveryServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final ParticipantId OWNER = new ParticipantId("mer_wiring");
    private static final Actor ACTOR = Actor.system("delivery wiring test");

    /** webhook.test has a slower schedule of its own; participant.created gives up after a minute. */
    private static final RetrySchedule TEST_EVENTS =
            new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1));

    private static final RetrySchedule QUICK_TO_GIVE_UP =
            new RetrySchedule(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
    private static final RetrySchedules SCHEDULES = new RetrySchedules(
            RetrySchedule.STANDARD,
            Map.of(EventType.WEBHOOK_TEST, TEST_EVENTS, EventType.PARTICIPANT_CREATED, QUICK_TO_GIVE_UP));

    private final TestClock clock = new TestClock(T0);
    private final List<WebhookSender.Outgoing> sent = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<WebhookSender.Outgoing, WebhookSender.Result> answer =
            outgoing -> new WebhookSender.Result.Accepted(200, Duration.ofMillis(2));
    private StoreBackend.Opened opened;
    private Peere peere;

    @BeforeEach
    void open() {
        opened = StoreBackend.IN_MEMORY.open();
        WebhookSender sender = outgoing -> {
            sent.add(outgoing);
            return answer.apply(outgoing);
        };
        WebhookUrlPolicy anyUrl = (mode, url) -> new WebhookUrlPolicy.Verdict.Allowed();
        peere = opened.peere(
                clock,
                new Peere.Webhooks(
                        new AesGcmSecretCipher(new byte[AesGcmSecretCipher.KEY_BYTES]), sender, anyUrl, SCHEDULES));
    }

    @AfterEach
    void close() throws Exception {
        opened.close();
    }

    @Test
    void a_retry_after_longer_than_the_next_gap_sets_the_next_attempt_up_to_the_longest_delay() {
        // The standard schedule's first gap is 10 s ± 20%; each receiver answers 503 with its own Retry-After.
        Map<String, Duration> retryAfterByUrl = Map.of(
                "https://half-hour.example/hooks", Duration.ofMinutes(30),
                "https://two-days.example/hooks", Duration.ofDays(2),
                "https://one-second.example/hooks", Duration.ofSeconds(1));
        Map<String, WebhookEndpointId> endpoints = new java.util.HashMap<>();
        retryAfterByUrl.keySet().forEach(url -> endpoints.put(url, endpoint(url, EventType.API_KEY_REVOKED)));
        answer = outgoing -> new WebhookSender.Result.Refused(
                503,
                Duration.ofMillis(2),
                Optional.of(retryAfterByUrl.get(outgoing.url().toString())));
        publish(EventType.API_KEY_REVOKED, "key_1");

        Map<WebhookEndpointId, Instant> next = new java.util.HashMap<>();
        List<ClaimedDelivery> claims = deliveries().claimDue(10);
        assertThat(claims).hasSize(3);
        for (ClaimedDelivery claim : claims) {
            Outcome outcome = deliveries().attempt(claim);
            assertThat(outcome).isInstanceOf(Outcome.RetryScheduled.class);
            next.put(claim.delivery().endpointId(), ((Outcome.RetryScheduled) outcome).nextAttemptAt());
        }

        // Longer than the backoff: honoured exactly.
        assertThat(next.get(endpoints.get("https://half-hour.example/hooks")))
                .isEqualTo(T0.plus(Duration.ofMinutes(30)));
        // Longer than the schedule's longest delay: capped there.
        assertThat(next.get(endpoints.get("https://two-days.example/hooks")))
                .isEqualTo(T0.plus(RetrySchedule.STANDARD.maxDelay()));
        // Shorter than the backoff: never makes us retry sooner.
        assertThat(next.get(endpoints.get("https://one-second.example/hooks")))
                .isBetween(T0.plus(Duration.ofSeconds(8)), T0.plus(Duration.ofSeconds(12)));
        // And the queue keeps what the outcome says.
        endpoints.values().forEach(endpoint -> {
            DeliveryRecord record = only(records(endpoint));
            assertThat(record.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(record.delivery().nextAttemptAt()).isEqualTo(next.get(endpoint));
        });
    }

    @Test
    void an_event_type_with_its_own_schedule_is_retried_on_it_and_others_on_the_default() {
        endpoint("https://down.example/hooks", EventType.WEBHOOK_TEST, EventType.API_KEY_REVOKED);
        publish(EventType.WEBHOOK_TEST, "obj_test");
        publish(EventType.API_KEY_REVOKED, "key_1");
        answer = outgoing -> new WebhookSender.Result.Refused(500, Duration.ofMillis(2), Optional.empty());

        Map<EventType, Instant> first = attemptAllDue();

        assertThat(first.get(EventType.WEBHOOK_TEST))
                .isBetween(T0.plus(Duration.ofMinutes(4)), T0.plus(Duration.ofMinutes(6)));
        assertThat(first.get(EventType.API_KEY_REVOKED))
                .isBetween(T0.plus(Duration.ofSeconds(8)), T0.plus(Duration.ofSeconds(12)));

        // The second gap doubles on each schedule: 10 min ± 20% for webhook.test.
        clock.set(first.get(EventType.WEBHOOK_TEST));
        Instant secondAttempt = clock.now();
        Map<EventType, Instant> second = attemptAllDue();
        assertThat(second.get(EventType.WEBHOOK_TEST))
                .isBetween(secondAttempt.plus(Duration.ofMinutes(8)), secondAttempt.plus(Duration.ofMinutes(12)));
    }

    @Test
    void an_exhausted_delivery_is_announced_to_the_other_endpoints_but_not_to_the_exhausted_one() {
        String brokenUrl = "https://broken.example/hooks";
        WebhookEndpointId broken =
                endpoint(brokenUrl, EventType.PARTICIPANT_CREATED, EventType.WEBHOOK_DELIVERY_EXHAUSTED);
        WebhookEndpointId monitor = endpoint("https://monitor.example/alerts", EventType.WEBHOOK_DELIVERY_EXHAUSTED);
        WebhookEndpointId bystander = endpoint("https://bystander.example/hooks", EventType.PARTICIPANT_CREATED);
        answer = outgoing -> outgoing.url().toString().equals(brokenUrl)
                ? new WebhookSender.Result.Refused(500, Duration.ofMillis(2), Optional.empty())
                : new WebhookSender.Result.Accepted(200, Duration.ofMillis(2));
        String eventId = publish(EventType.PARTICIPANT_CREATED, "mer_new");

        DeliveryRecord failing = only(records(broken));
        for (int round = 0; failing.delivery().status() == DeliveryStatus.PENDING; round++) {
            assertThat(round).isLessThan(10);
            clock.set(failing.delivery().nextAttemptAt());
            attemptAllDue();
            failing = only(records(broken));
        }
        assertThat(failing.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
        // Given up a minute after creation, as participant.created's own schedule says (the default waits 5 days).
        assertThat(failing.attempts().get(failing.attempts().size() - 1).startedAt())
                .isEqualTo(T0.plus(Duration.ofMinutes(1)));

        // The announcement is queued for the monitor alone, though the broken endpoint subscribes to it too.
        List<ClaimedDelivery> announcements = deliveries().claimDue(10);
        assertThat(announcements).hasSize(1);
        ClaimedDelivery announcement = announcements.get(0);
        assertThat(announcement.delivery().type()).isEqualTo(EventType.WEBHOOK_DELIVERY_EXHAUSTED);
        assertThat(announcement.delivery().endpointId()).isEqualTo(monitor);
        assertThat(announcement.events().get(0).item())
                .contains(broken.value(), failing.delivery().id(), eventId);
        assertThat(deliveries().attempt(announcement)).isInstanceOf(Outcome.Delivered.class);

        assertThat(sent.stream()
                        .filter(o -> o.type() == EventType.WEBHOOK_DELIVERY_EXHAUSTED)
                        .map(o -> o.url().toString()))
                .containsExactly("https://monitor.example/alerts");
        assertThat(records(broken)).hasSize(1);
        assertThat(records(bystander))
                .singleElement()
                .satisfies(r -> assertThat(r.delivery().type()).isEqualTo(EventType.PARTICIPANT_CREATED));
    }

    private DeliverWebhooks deliveries() {
        return peere.deliverWebhooks();
    }

    private WebhookEndpointId endpoint(String url, EventType... types) {
        var created = peere.manageWebhookEndpoints()
                .create(
                        Mode.SANDBOX,
                        OWNER,
                        new ManageWebhookEndpoints.Spec(URI.create(url), Set.of(types), EndpointStatus.ENABLED),
                        ACTOR);
        assertThat(created).isInstanceOf(ManageWebhookEndpoints.Creation.Created.class);
        return ((ManageWebhookEndpoints.Creation.Created) created).endpoint().id();
    }

    private String publish(EventType type, String objectId) {
        return peere.publishEvents()
                .publish(Mode.SANDBOX, OWNER, type, objectId, Map.of("objectId", objectId))
                .id();
    }

    /** Attempts every delivery due now; when each is tried next, by type (one delivery per type here). */
    private Map<EventType, Instant> attemptAllDue() {
        Map<EventType, Instant> next = new java.util.EnumMap<>(EventType.class);
        for (ClaimedDelivery claim : deliveries().claimDue(10)) {
            if (deliveries().attempt(claim) instanceof Outcome.RetryScheduled retry) {
                next.put(claim.delivery().type(), retry.nextAttemptAt());
            }
        }
        return next;
    }

    private List<DeliveryRecord> records(WebhookEndpointId endpoint) {
        return peere.listDeliveries()
                .list(Mode.SANDBOX, OWNER, endpoint, Optional.empty(), PageRequest.first())
                .orElseThrow()
                .items();
    }

    private static DeliveryRecord only(List<DeliveryRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
