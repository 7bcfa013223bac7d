package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.ClaimedDelivery;
import network.peere.core.domain.webhook.DeliveryAttempt;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.EndpointSecrets;
import network.peere.core.domain.webhook.EndpointStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookDelivery;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookEvent;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.WebhookDeliveryQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the webhook stores (endpoints, outbox, delivery queue) do; one subclass per implementation. */
public abstract class WebhookStoresContract {
    private static final ParticipantId OWNER = new ParticipantId("mer_1");
    private static final ParticipantId SOMEONE_ELSE = new ParticipantId("mer_2");
    private static final WebhookEndpointId ENDPOINT = new WebhookEndpointId("whe_1");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private PeereStores stores;
    private int nextId;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
    }

    private static WebhookEndpoint endpoint(String id, ParticipantId owner) {
        return new WebhookEndpoint(
                new WebhookEndpointId(id),
                owner,
                LIVE,
                URI.create("https://receiver.test/hooks"),
                Set.of(EventType.API_KEY_REVOKED, EventType.WEBHOOK_TEST),
                EndpointStatus.ENABLED,
                EndpointSecrets.of(new SealedSecret("v1:sealed")),
                T0,
                T0);
    }

    private WebhookEvent event(EventType type) {
        String id = "evt_" + (++nextId);
        long sequence =
                stores.transactor().inTransaction(() -> stores.eventOutbox().nextSequence(LIVE, "key_1"));
        var event = new WebhookEvent(id, LIVE, OWNER, type, "key_1", sequence, "{\"eventId\":\"" + id + "\"}", T0);
        stores.eventOutbox().append(event);
        return event;
    }

    private WebhookDelivery fresh(EventType type) {
        return new WebhookDelivery(
                "batch_" + (++nextId),
                LIVE,
                OWNER,
                ENDPOINT,
                type,
                DeliveryStatus.PENDING,
                0,
                1,
                T0,
                T0,
                Optional.empty());
    }

    private String enqueue(WebhookEvent event) {
        return stores.transactor()
                .inTransaction(() -> stores.webhookDeliveries().enqueue(event, fresh(event.type())));
    }

    private static DeliveryAttempt attempt(ClaimedDelivery claim, DeliveryAttempt.Result result) {
        return new DeliveryAttempt(
                claim.delivery().id(),
                claim.delivery().attempts() + 1,
                T0,
                OptionalInt.of(500),
                Duration.ofMillis(12),
                Optional.of("HTTP 500"),
                result);
    }

    @Test
    void an_endpoint_is_found_only_by_its_owner_in_its_mode() {
        var endpoint = endpoint("whe_1", OWNER);
        stores.webhookEndpoints().insert(endpoint);

        assertThat(stores.webhookEndpoints().find(LIVE, OWNER, endpoint.id())).contains(endpoint);
        assertThat(stores.webhookEndpoints().find(LIVE, SOMEONE_ELSE, endpoint.id()))
                .isEmpty();
        assertThat(stores.webhookEndpoints().find(SANDBOX, OWNER, endpoint.id()))
                .isEmpty();
        assertThat(stores.webhookEndpoints().listFor(LIVE, OWNER)).containsExactly(endpoint);
        assertThat(stores.webhookEndpoints().listFor(LIVE, SOMEONE_ELSE)).isEmpty();
    }

    @Test
    void an_update_wins_only_over_the_version_it_read() {
        var endpoint = endpoint("whe_1", OWNER);
        stores.webhookEndpoints().insert(endpoint);
        Instant later = T0.plusSeconds(60);
        var rotated = endpoint.withSecrets(
                endpoint.secrets().rotate(new SealedSecret("v1:next"), later.plusSeconds(3600)), later);
        var disabled = endpoint.with(endpoint.url(), endpoint.eventTypes(), EndpointStatus.DISABLED, later);

        assertThat(stores.webhookEndpoints().update(endpoint, rotated)).isTrue();
        assertThat(stores.webhookEndpoints().update(endpoint, disabled)).isFalse();
        assertThat(stores.webhookEndpoints().find(LIVE, OWNER, endpoint.id())).contains(rotated);
    }

    @Test
    void deletes_an_endpoint_of_its_owner_only() {
        stores.webhookEndpoints().insert(endpoint("whe_1", OWNER));

        assertThat(stores.webhookEndpoints().delete(LIVE, SOMEONE_ELSE, ENDPOINT))
                .isFalse();
        assertThat(stores.webhookEndpoints().delete(LIVE, OWNER, ENDPOINT)).isTrue();
        assertThat(stores.webhookEndpoints().listFor(LIVE, OWNER)).isEmpty();
    }

    @Test
    void sequences_count_per_object_and_mode_from_one() {
        var outbox = stores.eventOutbox();
        List<Long> numbers = stores.transactor()
                .inTransaction(() -> List.of(
                        outbox.nextSequence(LIVE, "agr_1"),
                        outbox.nextSequence(LIVE, "agr_1"),
                        outbox.nextSequence(LIVE, "agr_2"),
                        outbox.nextSequence(SANDBOX, "agr_1")));

        assertThat(numbers).containsExactly(1L, 2L, 1L, 1L);
    }

    @Test
    void a_new_objects_count_starts_at_one_and_goes_on_from_there() {
        var outbox = stores.eventOutbox();

        List<Long> numbers = stores.transactor()
                .inTransaction(() -> List.of(
                        outbox.firstSequence(LIVE, "chg_1"),
                        outbox.nextSequence(LIVE, "chg_1"),
                        outbox.firstSequence(SANDBOX, "chg_1")));

        assertThat(numbers).containsExactly(1L, 2L, 1L);
        assertThat(stores.transactor().inTransaction(() -> outbox.nextSequence(LIVE, "chg_1")))
                .isEqualTo(3L);
    }

    @Test
    void starting_the_count_of_an_object_that_has_one_fails_its_transaction_and_keeps_the_count() {
        var outbox = stores.eventOutbox();
        stores.transactor().useTransaction(() -> outbox.nextSequence(LIVE, "chg_1"));

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    outbox.firstSequence(LIVE, "chg_2");
                    outbox.firstSequence(LIVE, "chg_1");
                }))
                .isInstanceOf(RuntimeException.class);

        assertThat(stores.transactor().inTransaction(() -> outbox.nextSequence(LIVE, "chg_1")))
                .isEqualTo(2L);
        assertThat(stores.transactor().inTransaction(() -> outbox.nextSequence(LIVE, "chg_2")))
                .as("the rolled-back transaction's other new count is gone too")
                .isEqualTo(1L);
    }

    @Test
    void sequences_for_many_objects_at_once_continue_each_objects_count_in_the_order_named() {
        var outbox = stores.eventOutbox();
        stores.transactor().useTransaction(() -> outbox.nextSequence(LIVE, "agr_2"));

        List<Long> numbers = stores.transactor()
                .inTransaction(() ->
                        outbox.nextSequences(LIVE, List.of("agr_1", "agr_2", "agr_1", "agr_3", "agr_1", "agr_2")));

        assertThat(numbers).containsExactly(1L, 2L, 2L, 1L, 3L, 3L);
        assertThat(stores.transactor().inTransaction(() -> outbox.nextSequence(LIVE, "agr_1")))
                .isEqualTo(4L);
        assertThat(stores.transactor().inTransaction(() -> outbox.nextSequences(SANDBOX, List.of("agr_1"))))
                .containsExactly(1L);
        assertThat(outbox.nextSequences(LIVE, List.of())).isEmpty();
    }

    @Test
    void events_appended_together_read_back_each_as_appended() {
        var first = new WebhookEvent("evt_a", LIVE, OWNER, EventType.API_KEY_REVOKED, "key_1", 1, "{\"n\":1}", T0);
        var second = new WebhookEvent(
                "evt_b", LIVE, OWNER, EventType.WEBHOOK_TEST, "key_2", 7, "{\"n\":2}", T0.plusSeconds(1));

        stores.transactor().useTransaction(() -> stores.eventOutbox().appendAll(List.of(first, second)));
        stores.eventOutbox().appendAll(List.of());

        assertThat(stores.eventOutbox().find(LIVE, OWNER, "evt_a")).contains(first);
        assertThat(stores.eventOutbox().find(LIVE, OWNER, "evt_b")).contains(second);
    }

    @Test
    void a_rolled_back_event_leaves_no_event_no_delivery_and_no_sequence() {
        try {
            stores.transactor().useTransaction(() -> {
                enqueue(event(EventType.API_KEY_REVOKED));
                throw new IllegalStateException("the change fails");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(stores.eventOutbox().find(LIVE, OWNER, "evt_1")).isEmpty();
        assertThat(stores.webhookDeliveries().claimDue(T0, LEASE, "lease_1", 10))
                .isEmpty();
        assertThat(stores.transactor().inTransaction(() -> stores.eventOutbox().nextSequence(LIVE, "key_1")))
                .isEqualTo(1L);
    }

    @Test
    void events_of_one_type_for_one_endpoint_share_a_delivery_until_it_is_claimed() {
        var first = event(EventType.API_KEY_REVOKED);
        var second = event(EventType.API_KEY_REVOKED);
        var otherType = event(EventType.WEBHOOK_TEST);
        String batch = enqueue(first);

        assertThat(enqueue(second)).isEqualTo(batch);
        assertThat(enqueue(otherType)).isNotEqualTo(batch);
        List<ClaimedDelivery> claimed = stores.webhookDeliveries().claimDue(T0, LEASE, "lease_1", 10);
        assertThat(claimed).hasSize(2);
        ClaimedDelivery batched = claimed.stream()
                .filter(c -> c.delivery().id().equals(batch))
                .findFirst()
                .orElseThrow();
        assertThat(batched.events()).containsExactly(first, second);
        assertThat(batched.delivery().itemCount()).isEqualTo(2);
        assertThat(enqueue(event(EventType.API_KEY_REVOKED))).isNotEqualTo(batch);
    }

    @Test
    void a_leased_delivery_is_not_claimed_again_until_its_lease_expires() {
        enqueue(event(EventType.API_KEY_REVOKED));

        assertThat(stores.webhookDeliveries().claimDue(T0, LEASE, "lease_1", 10))
                .hasSize(1);
        assertThat(stores.webhookDeliveries().claimDue(T0.plusSeconds(60), LEASE, "lease_2", 10))
                .isEmpty();
        assertThat(stores.webhookDeliveries().claimDue(T0.plus(LEASE), LEASE, "lease_3", 10))
                .hasSize(1);
    }

    @Test
    void only_the_lease_holder_records_an_attempt_and_a_retry_is_due_at_its_time() {
        enqueue(event(EventType.API_KEY_REVOKED));
        ClaimedDelivery expired =
                stores.webhookDeliveries().claimDue(T0, LEASE, "lease_1", 10).get(0);
        ClaimedDelivery current = stores.webhookDeliveries()
                .claimDue(T0.plus(LEASE), LEASE, "lease_2", 10)
                .get(0);
        Instant retryAt = T0.plusSeconds(600);

        assertThat(stores.webhookDeliveries()
                        .recordAttempt(
                                expired,
                                attempt(expired, DeliveryAttempt.Result.RETRY_SCHEDULED),
                                DeliveryStatus.PENDING,
                                retryAt))
                .isFalse();
        assertThat(stores.webhookDeliveries()
                        .recordAttempt(
                                current,
                                attempt(current, DeliveryAttempt.Result.RETRY_SCHEDULED),
                                DeliveryStatus.PENDING,
                                retryAt))
                .isTrue();
        assertThat(stores.webhookDeliveries().claimDue(retryAt.minusSeconds(1), LEASE, "lease_3", 10))
                .isEmpty();
        ClaimedDelivery retry = stores.webhookDeliveries()
                .claimDue(retryAt, LEASE, "lease_4", 10)
                .get(0);
        assertThat(retry.delivery().attempts()).isEqualTo(1);
    }

    @Test
    void records_a_batch_of_attempts_at_once_but_only_those_whose_lease_is_still_held() {
        String stale = alone(event(EventType.API_KEY_REVOKED));
        ClaimedDelivery expired =
                stores.webhookDeliveries().claimDue(T0, LEASE, "lease_1", 10).get(0);
        String delivered = alone(event(EventType.API_KEY_REVOKED));
        String retried = alone(event(EventType.API_KEY_REVOKED));
        List<ClaimedDelivery> current = stores.webhookDeliveries().claimDue(T0.plus(LEASE), LEASE, "lease_2", 10);
        assertThat(current).extracting(c -> c.delivery().id()).containsExactlyInAnyOrder(stale, delivered, retried);
        Instant retryAt = T0.plusSeconds(600);
        Instant doneAt = T0.plusSeconds(130);

        var recorded = stores.webhookDeliveries()
                .recordAttempts(List.of(
                        new WebhookDeliveryQueue.AttemptRecord(
                                expired,
                                attempt(expired, DeliveryAttempt.Result.RETRY_SCHEDULED),
                                DeliveryStatus.PENDING,
                                retryAt),
                        new WebhookDeliveryQueue.AttemptRecord(
                                claimOf(current, delivered),
                                attempt(claimOf(current, delivered), DeliveryAttempt.Result.DELIVERED),
                                DeliveryStatus.DELIVERED,
                                doneAt),
                        new WebhookDeliveryQueue.AttemptRecord(
                                claimOf(current, retried),
                                attempt(claimOf(current, retried), DeliveryAttempt.Result.RETRY_SCHEDULED),
                                DeliveryStatus.PENDING,
                                retryAt)));

        assertThat(recorded).containsExactlyInAnyOrder(delivered, retried);
        var all = stores.webhookDeliveries().list(LIVE, OWNER, ENDPOINT, Optional.empty(), PageRequest.first());
        assertThat(all.items())
                .filteredOn(r -> r.delivery().id().equals(delivered))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.delivery().status()).isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(r.delivery().finishedAt()).contains(doneAt);
                    assertThat(r.attempts())
                            .containsExactly(attempt(claimOf(current, delivered), DeliveryAttempt.Result.DELIVERED));
                });
        assertThat(all.items())
                .filteredOn(r -> r.delivery().id().equals(retried))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
                    assertThat(r.delivery().attempts()).isEqualTo(1);
                    assertThat(r.delivery().nextAttemptAt()).isEqualTo(retryAt);
                    assertThat(r.delivery().finishedAt()).isEmpty();
                });
        assertThat(all.items())
                .filteredOn(r -> r.delivery().id().equals(stale))
                .singleElement()
                .satisfies(r -> assertThat(r.attempts()).isEmpty());
        // The stale claim recorded nothing: the current holder still can, and a second record of one attempt cannot.
        ClaimedDelivery holder = claimOf(current, stale);
        var again = new WebhookDeliveryQueue.AttemptRecord(
                holder, attempt(holder, DeliveryAttempt.Result.RETRY_SCHEDULED), DeliveryStatus.PENDING, retryAt);
        assertThat(stores.webhookDeliveries().recordAttempts(List.of(again))).containsExactly(stale);
        assertThat(stores.webhookDeliveries().recordAttempts(List.of(again))).isEmpty();
        assertThat(stores.webhookDeliveries().claimDue(retryAt, LEASE, "lease_3", 10))
                .extracting(c -> c.delivery().id())
                .containsExactlyInAnyOrder(stale, retried);
    }

    @Test
    void records_every_attempt_of_a_batch_of_any_size() {
        for (int i = 0; i < 5; i++) {
            alone(event(EventType.API_KEY_REVOKED));
        }
        List<ClaimedDelivery> claimed = stores.webhookDeliveries().claimDue(T0, LEASE, "lease_1", 10);
        Instant doneAt = T0.plusSeconds(1);

        var recorded = stores.webhookDeliveries()
                .recordAttempts(claimed.stream()
                        .map(c -> new WebhookDeliveryQueue.AttemptRecord(
                                c, attempt(c, DeliveryAttempt.Result.DELIVERED), DeliveryStatus.DELIVERED, doneAt))
                        .toList());

        assertThat(claimed).hasSize(5);
        assertThat(recorded).hasSize(5);
        assertThat(stores.webhookDeliveries()
                        .list(LIVE, OWNER, ENDPOINT, Optional.empty(), PageRequest.first())
                        .items())
                .hasSize(5)
                .allSatisfy(r -> {
                    assertThat(r.delivery().status()).isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(r.delivery().finishedAt()).contains(doneAt);
                    assertThat(r.attempts()).hasSize(1);
                });
    }

    private String alone(WebhookEvent event) {
        WebhookDelivery delivery = fresh(event.type());
        stores.webhookDeliveries().enqueueAlone(delivery, List.of(event));
        return delivery.id();
    }

    private static ClaimedDelivery claimOf(List<ClaimedDelivery> claims, String deliveryId) {
        return claims.stream()
                .filter(c -> c.delivery().id().equals(deliveryId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void lists_deliveries_with_their_attempts_and_finds_failed_events_for_replay() {
        var event = event(EventType.API_KEY_REVOKED);
        String batch = enqueue(event);
        ClaimedDelivery claim =
                stores.webhookDeliveries().claimDue(T0, LEASE, "lease_1", 10).get(0);
        Instant failedAt = T0.plusSeconds(30);
        stores.webhookDeliveries()
                .recordAttempt(
                        claim, attempt(claim, DeliveryAttempt.Result.EXHAUSTED), DeliveryStatus.FAILED, failedAt);

        var page = stores.webhookDeliveries()
                .list(LIVE, OWNER, ENDPOINT, Optional.of(DeliveryStatus.FAILED), PageRequest.first());
        assertThat(page.total()).isEqualTo(1);
        var record = page.items().get(0);
        assertThat(record.delivery().id()).isEqualTo(batch);
        assertThat(record.delivery().finishedAt()).contains(failedAt);
        assertThat(record.eventIds()).containsExactly(event.id());
        assertThat(record.attempts()).containsExactly(attempt(claim, DeliveryAttempt.Result.EXHAUSTED));
        assertThat(stores.webhookDeliveries()
                        .list(LIVE, OWNER, ENDPOINT, Optional.of(DeliveryStatus.PENDING), PageRequest.first())
                        .total())
                .isZero();
        assertThat(stores.eventOutbox().failedSince(LIVE, OWNER, failedAt, Optional.empty(), 10))
                .containsExactly(event);
        assertThat(stores.eventOutbox().failedSince(LIVE, OWNER, failedAt.plusSeconds(1), Optional.empty(), 10))
                .isEmpty();
        assertThat(stores.eventOutbox().failedSince(LIVE, SOMEONE_ELSE, T0, Optional.empty(), 10))
                .isEmpty();
        assertThat(stores.eventOutbox().failedSince(LIVE, OWNER, T0, Optional.of(new WebhookEndpointId("whe_9")), 10))
                .isEmpty();
    }

    @Test
    void a_replay_delivery_carries_the_replayed_events_in_order() {
        var replayed = event(EventType.API_KEY_REVOKED);
        var alone = fresh(EventType.API_KEY_REVOKED);
        stores.webhookDeliveries().enqueueAlone(alone, List.of(replayed));
        ClaimedDelivery claim =
                stores.webhookDeliveries().claimDue(T0, LEASE, "lease_1", 10).get(0);

        assertThat(claim.delivery().id()).isEqualTo(alone.id());
        assertThat(claim.events()).first().isEqualTo(replayed);
    }

    private ClaimedDelivery claimOnly() {
        List<ClaimedDelivery> claimed = stores.webhookDeliveries().claimDue(T0, LEASE, "lease_" + (++nextId), 10);
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private void finish(DeliveryStatus status, DeliveryAttempt.Result result, Instant at) {
        ClaimedDelivery claim = claimOnly();
        assertThat(stores.webhookDeliveries().recordAttempt(claim, attempt(claim, result), status, at))
                .isTrue();
    }

    @Test
    void purges_finished_deliveries_past_the_cutoff_then_the_events_no_delivery_carries_but_never_pending_ones() {
        var delivered = event(EventType.API_KEY_REVOKED);
        enqueue(delivered);
        finish(DeliveryStatus.DELIVERED, DeliveryAttempt.Result.DELIVERED, T0.plusSeconds(30));
        var failed = event(EventType.API_KEY_REVOKED);
        enqueue(failed);
        finish(DeliveryStatus.FAILED, DeliveryAttempt.Result.EXHAUSTED, T0.plusSeconds(60));
        var pending = event(EventType.API_KEY_REVOKED);
        String pendingBatch = enqueue(pending);
        var neverDelivered = event(EventType.PARTICIPANT_CREATED);

        assertThat(stores.webhookDeliveries().purgeFinishedBefore(T0.plusSeconds(45), 10))
                .isEqualTo(1);
        assertThat(stores.webhookDeliveries()
                        .list(LIVE, OWNER, ENDPOINT, Optional.empty(), PageRequest.first())
                        .items())
                .extracting(r -> r.delivery().status())
                .containsExactlyInAnyOrder(DeliveryStatus.FAILED, DeliveryStatus.PENDING);
        assertThat(stores.eventOutbox().purgeUnreferencedBefore(T0.plusSeconds(1), 10))
                .isEqualTo(2);
        assertThat(stores.eventOutbox().find(LIVE, OWNER, delivered.id())).isEmpty();
        assertThat(stores.eventOutbox().find(LIVE, OWNER, neverDelivered.id())).isEmpty();
        assertThat(stores.eventOutbox().find(LIVE, OWNER, failed.id())).contains(failed);

        Instant muchLater = T0.plus(Duration.ofDays(365));
        assertThat(stores.webhookDeliveries().purgeFinishedBefore(muchLater, 10))
                .isEqualTo(1);
        assertThat(stores.eventOutbox().purgeUnreferencedBefore(muchLater, 10)).isEqualTo(1);
        assertThat(stores.webhookDeliveries().purgeFinishedBefore(muchLater, 10))
                .isZero();
        assertThat(stores.eventOutbox().purgeUnreferencedBefore(muchLater, 10)).isZero();

        ClaimedDelivery stillPending = claimOnly();
        assertThat(stillPending.delivery().id()).isEqualTo(pendingBatch);
        assertThat(stillPending.events()).containsExactly(pending);
        assertThat(stores.transactor().inTransaction(() -> stores.eventOutbox().nextSequence(LIVE, "key_1")))
                .as("numbering continues after a purge")
                .isEqualTo(5);
    }

    @Test
    void a_purge_takes_the_oldest_finished_whatever_their_status_and_a_finished_delivery_is_due_when_it_finished() {
        enqueue(event(EventType.API_KEY_REVOKED));
        finish(DeliveryStatus.FAILED, DeliveryAttempt.Result.EXHAUSTED, T0.plusSeconds(1));
        enqueue(event(EventType.API_KEY_REVOKED));
        finish(DeliveryStatus.DELIVERED, DeliveryAttempt.Result.DELIVERED, T0.plusSeconds(2));
        enqueue(event(EventType.API_KEY_REVOKED));
        finish(DeliveryStatus.FAILED, DeliveryAttempt.Result.EXHAUSTED, T0.plusSeconds(3));
        // The last one through the batch recorder, which writes the next state of many rows in one statement.
        enqueue(event(EventType.API_KEY_REVOKED));
        ClaimedDelivery last = claimOnly();
        assertThat(stores.webhookDeliveries()
                        .recordAttempts(List.of(new WebhookDeliveryQueue.AttemptRecord(
                                last,
                                attempt(last, DeliveryAttempt.Result.DELIVERED),
                                DeliveryStatus.DELIVERED,
                                T0.plusSeconds(4)))))
                .containsExactly(last.delivery().id());

        // The retention purge finds finished deliveries by their next_attempt_at: it must be when they finished.
        assertThat(stores.webhookDeliveries()
                        .list(LIVE, OWNER, ENDPOINT, Optional.empty(), PageRequest.first())
                        .items())
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.delivery().finishedAt())
                        .contains(r.delivery().nextAttemptAt()));

        assertThat(stores.webhookDeliveries().purgeFinishedBefore(T0.plusSeconds(10), 2))
                .isEqualTo(2);
        assertThat(stores.webhookDeliveries()
                        .list(LIVE, OWNER, ENDPOINT, Optional.empty(), PageRequest.first())
                        .items())
                .extracting(r -> r.delivery().finishedAt().orElseThrow())
                .containsExactlyInAnyOrder(T0.plusSeconds(3), T0.plusSeconds(4));
    }

    @Test
    void a_purge_takes_at_most_its_limit_and_the_oldest_first() {
        for (int i = 1; i <= 3; i++) {
            enqueue(event(EventType.API_KEY_REVOKED));
            finish(DeliveryStatus.DELIVERED, DeliveryAttempt.Result.DELIVERED, T0.plusSeconds(i));
        }

        assertThat(stores.webhookDeliveries().purgeFinishedBefore(T0.plusSeconds(10), 2))
                .isEqualTo(2);
        assertThat(stores.webhookDeliveries()
                        .list(LIVE, OWNER, ENDPOINT, Optional.empty(), PageRequest.first())
                        .items())
                .singleElement()
                .satisfies(r -> assertThat(r.delivery().finishedAt()).contains(T0.plusSeconds(3)));
        assertThat(stores.eventOutbox().purgeUnreferencedBefore(T0.plusSeconds(10), 1))
                .isEqualTo(1);
        assertThat(stores.eventOutbox().purgeUnreferencedBefore(T0.plusSeconds(10), 5))
                .isEqualTo(1);
    }
}
