package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import network.peere.core.domain.idempotency.IdempotencyKey;
import network.peere.core.domain.idempotency.IdempotencyRecord;
import network.peere.core.domain.idempotency.StoredResponse;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.out.IdempotencyStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} does; one subclass per implementation. */
public abstract class IdempotencyStoreContract {
    private static final ParticipantId MERCHANT = new ParticipantId("mer_1");
    private static final IdempotencyKey KEY = new IdempotencyKey(SANDBOX, MERCHANT, "order-42");
    private static final Instant EXPIRES = T0.plus(Duration.ofHours(24));
    private static final StoredResponse CREATED = new StoredResponse(201, "application/json", "{\"id\":\"x\"}");

    private PeereStores stores;
    private IdempotencyStore store;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        store = stores.idempotency();
    }

    private static IdempotencyRecord claimOf(IdempotencyKey key) {
        return IdempotencyRecord.claim(key, "fp-1", T0, EXPIRES);
    }

    private void claimAndComplete(IdempotencyKey key) {
        stores.transactor().useTransaction(() -> {
            assertThat(store.claim(claimOf(key))).isTrue();
            store.complete(key, CREATED);
        });
    }

    @Test
    void a_completed_key_reads_back_with_its_response() {
        claimAndComplete(KEY);
        assertThat(store.find(KEY)).contains(new IdempotencyRecord(KEY, "fp-1", Optional.of(CREATED), T0, EXPIRES));
    }

    @Test
    void a_key_is_claimed_once() {
        claimAndComplete(KEY);
        assertThat(stores.transactor().inTransaction(() -> store.claim(claimOf(KEY))))
                .isFalse();
    }

    @Test
    void keys_are_scoped_by_participant_and_mode() {
        claimAndComplete(KEY);
        var otherParticipant = new IdempotencyKey(SANDBOX, new ParticipantId("mer_2"), KEY.value());
        var otherMode = new IdempotencyKey(LIVE, MERCHANT, KEY.value());
        assertThat(store.find(otherParticipant)).isEmpty();
        assertThat(store.find(otherMode)).isEmpty();
        claimAndComplete(otherParticipant);
        claimAndComplete(otherMode);
    }

    @Test
    void a_claim_rolls_back_with_its_transaction() {
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    store.claim(claimOf(KEY));
                    throw new IllegalStateException("the work failed");
                }))
                .hasMessage("the work failed");
        assertThat(store.find(KEY)).isEmpty();
        claimAndComplete(KEY);
    }

    @Test
    void completing_an_unclaimed_key_is_a_bug() {
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> store.complete(KEY, CREATED)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void only_expired_keys_are_deleted_and_purged() {
        var other = new IdempotencyKey(SANDBOX, MERCHANT, "order-43");
        claimAndComplete(KEY);
        stores.transactor().useTransaction(() -> {
            store.claim(IdempotencyRecord.claim(other, "fp-2", T0, T0.plus(Duration.ofHours(48))));
            store.complete(other, CREATED);
        });

        assertThat(stores.transactor().inTransaction(() -> store.deleteIfExpired(KEY, EXPIRES.minusMillis(1))))
                .isFalse();
        assertThat(stores.transactor().inTransaction(() -> store.purgeExpired(EXPIRES, 10)))
                .isEqualTo(1);
        assertThat(store.find(KEY)).isEmpty();
        assertThat(store.find(other)).isPresent();
    }

    @Test
    void purge_takes_at_most_the_limit() {
        for (int i = 0; i < 5; i++) {
            claimAndComplete(new IdempotencyKey(SANDBOX, MERCHANT, "k" + i));
        }
        assertThat(stores.transactor().inTransaction(() -> store.purgeExpired(EXPIRES, 3)))
                .isEqualTo(3);
        assertThat(stores.transactor().inTransaction(() -> store.purgeExpired(EXPIRES, 3)))
                .isEqualTo(2);
    }

    @Test
    void a_concurrent_claim_waits_for_the_first_and_then_fails() throws Exception {
        var firstClaimed = new CountDownLatch(1);
        var first = CompletableFuture.runAsync(() -> stores.transactor().useTransaction(() -> {
            assertThat(store.claim(claimOf(KEY))).isTrue();
            firstClaimed.countDown();
            sleep(Duration.ofMillis(300));
            store.complete(KEY, CREATED);
        }));
        assertThat(firstClaimed.await(10, TimeUnit.SECONDS)).isTrue();
        boolean second = stores.transactor().inTransaction(() -> store.claim(claimOf(KEY)));
        first.get(10, TimeUnit.SECONDS);

        assertThat(second).isFalse();
        assertThat(store.find(KEY).orElseThrow().response()).contains(CREATED);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
