package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.persistence.testing.TestApiKeys.key;
import static network.peere.persistence.testing.TestParticipants.T0;
import static network.peere.persistence.testing.TestParticipants.bank;
import static network.peere.persistence.testing.TestParticipants.merchantOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.Transactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transactor} does with its stores; one subclass per implementation. Semantics kept simple: a nested
 * call joins the outer transaction, and an exception escaping the outermost call rolls back everything.
 */
public abstract class TransactorContract {
    private static final int THREADS = 8;
    private static final int ATTEMPTS_PER_THREAD = 10;
    private static final Duration CONCURRENT_RUN_MAX = Duration.ofSeconds(60);
    private static final ParticipantId BANK = new ParticipantId("bank_1");
    private static final ParticipantId MERCHANT = new ParticipantId("mer_1");

    private PeereStores stores;
    private Transactor transactor;
    /** Its threads start only when work arrives, so tests that skip early leave nothing behind. */
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        transactor = stores.transactor();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void commits_the_writes_of_both_stores() {
        transactor.useTransaction(() -> {
            stores.participants().insert(merchantOf(LIVE, "mer_1", "prv_1"));
            stores.apiKeys().insert(key(LIVE, "mer_1", "key_1"));
        });

        assertThat(stores.participants().find(LIVE, MERCHANT)).isPresent();
        assertThat(stores.apiKeys().listFor(LIVE, MERCHANT)).hasSize(1);
    }

    @Test
    void returns_what_the_work_returns_and_sees_its_own_writes() {
        Participant seen = transactor.inTransaction(() -> {
            stores.participants().insert(bank(LIVE, "bank_1"));
            return stores.participants().find(LIVE, BANK).orElseThrow();
        });

        assertThat(seen).isEqualTo(bank(LIVE, "bank_1"));
    }

    @Test
    void an_exception_rolls_back_the_writes_of_both_stores_and_reaches_the_caller() {
        var failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> transactor.useTransaction(() -> {
                    stores.participants().insert(merchantOf(LIVE, "mer_1", "prv_1"));
                    stores.apiKeys().insert(key(LIVE, "mer_1", "key_1"));
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(stores.participants().find(LIVE, MERCHANT)).isEmpty();
        assertThat(stores.apiKeys().listFor(LIVE, MERCHANT)).isEmpty();
        assertThat(stores.apiKeys().findByHash(LIVE, key(LIVE, "mer_1", "key_1").hash()))
                .isEmpty();
    }

    @Test
    void an_exception_rolls_back_updates_and_revocations() {
        var merchant = merchantOf(LIVE, "mer_1", "prv_1");
        var key = key(LIVE, "mer_1", "key_1");
        stores.participants().insert(merchant);
        stores.apiKeys().insert(key);

        assertThatThrownBy(() -> transactor.useTransaction(() -> {
                    stores.participants().update(merchant.withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(1)));
                    stores.apiKeys().revoke(LIVE, MERCHANT, key.id(), T0.plusSeconds(1));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(stores.participants().find(LIVE, MERCHANT)).contains(merchant);
        assertThat(stores.apiKeys().find(LIVE, MERCHANT, key.id())).contains(key);
    }

    @Test
    void a_failed_statement_rolls_back_the_writes_before_it() {
        stores.participants().insert(bank(LIVE, "bank_1"));

        assertThatThrownBy(() -> transactor.useTransaction(() -> {
                    stores.participants().insert(bank(LIVE, "bank_2"));
                    stores.participants().insert(bank(LIVE, "bank_1"));
                }))
                .isInstanceOf(RuntimeException.class);

        assertThat(stores.participants().find(LIVE, new ParticipantId("bank_2")))
                .isEmpty();
    }

    @Test
    void a_nested_transaction_joins_the_outer_one_and_rolls_back_with_it() {
        assertThatThrownBy(() -> transactor.useTransaction(() -> {
                    transactor.useTransaction(() -> stores.participants().insert(bank(LIVE, "bank_1")));
                    assertThat(stores.participants().find(LIVE, BANK)).isPresent();
                    throw new IllegalStateException("outer fails after inner finished");
                }))
                .hasMessage("outer fails after inner finished");

        assertThat(stores.participants().find(LIVE, BANK)).isEmpty();
    }

    @Test
    void an_exception_escaping_a_nested_call_and_then_the_outer_one_rolls_back_everything() {
        assertThatThrownBy(() -> transactor.useTransaction(() -> {
                    stores.participants().insert(bank(LIVE, "bank_1"));
                    transactor.useTransaction(() -> {
                        stores.apiKeys().insert(key(LIVE, "bank_1", "key_1"));
                        throw new IllegalStateException("inner fails");
                    });
                }))
                .hasMessage("inner fails");

        assertThat(stores.participants().find(LIVE, BANK)).isEmpty();
        assertThat(stores.apiKeys().listFor(LIVE, BANK)).isEmpty();
    }

    @Test
    void a_nested_failure_the_outer_call_catches_rolls_back_nothing_on_its_own() {
        // No savepoints: what the inner call wrote before failing commits with the outer transaction.
        transactor.useTransaction(() -> {
            stores.participants().insert(bank(LIVE, "bank_1"));
            try {
                transactor.useTransaction(() -> {
                    stores.apiKeys().insert(key(LIVE, "bank_1", "key_1"));
                    throw new IllegalStateException("inner fails");
                });
            } catch (IllegalStateException expected) {
                // the outer call decides to carry on
            }
        });

        assertThat(stores.participants().find(LIVE, BANK)).isPresent();
        assertThat(stores.apiKeys().listFor(LIVE, BANK)).hasSize(1);
    }

    @Test
    void concurrent_status_changes_never_lose_an_update() throws Exception {
        stores.participants().insert(bank(LIVE, "bank_1"));
        var appliedVersions = new ConcurrentLinkedQueue<Long>();

        runConcurrently(() -> {
            for (int attempt = 0; attempt < ATTEMPTS_PER_THREAD; attempt++) {
                transactor.useTransaction(() -> {
                    var current = stores.participants().find(LIVE, BANK).orElseThrow();
                    var next = current.status() == ParticipantStatus.ACTIVE
                            ? ParticipantStatus.SUSPENDED
                            : ParticipantStatus.ACTIVE;
                    var changed = current.withStatus(next, current.updatedAt().plusMillis(1));
                    if (stores.participants().update(changed)) {
                        appliedVersions.add(changed.version());
                    }
                });
            }
            return null;
        });

        // Each version was reached by exactly one update, and the stored one counts them all.
        var stored = stores.participants().find(LIVE, BANK).orElseThrow();
        assertThat(appliedVersions).isNotEmpty().doesNotHaveDuplicates();
        assertThat(stored.version()).isEqualTo(1L + appliedVersions.size());
        assertThat(stored.status())
                .isEqualTo(appliedVersions.size() % 2 == 1 ? ParticipantStatus.SUSPENDED : ParticipantStatus.ACTIVE);
    }

    @Test
    void concurrent_revokes_of_one_key_succeed_exactly_once() throws Exception {
        stores.apiKeys().insert(key(LIVE, "mer_1", "key_1"));
        var successes = new AtomicInteger();

        runConcurrently(() -> {
            if (stores.apiKeys().revoke(LIVE, MERCHANT, new ApiKeyId("key_1"), T0.plusSeconds(1))) {
                successes.incrementAndGet();
            }
            return null;
        });

        assertThat(successes).hasValue(1);
    }

    @Test
    void concurrent_inserts_outside_transactions_all_land() throws Exception {
        var next = new AtomicInteger();

        runConcurrently(() -> {
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                stores.participants().insert(bank(LIVE, "bank_" + next.incrementAndGet()));
            }
            return null;
        });

        assertThat(stores.participants()
                        .list(LIVE, ParticipantFilter.any(), PageRequest.first())
                        .total())
                .isEqualTo(THREADS * ATTEMPTS_PER_THREAD);
    }

    /** Starts the same work on every thread at once and rethrows the first failure. */
    private void runConcurrently(Callable<Void> work) throws Exception {
        var start = new CountDownLatch(1);
        List<Future<Void>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(threads.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        start.countDown();
        for (Future<Void> result : results) {
            result.get(CONCURRENT_RUN_MAX.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void a_snapshot_sees_one_state_even_when_others_commit_meanwhile() throws Exception {
        stores.participants().insert(bank(LIVE, "bank_1"));
        var committedMeanwhile = new CountDownLatch(1);
        List<Boolean> seenSecond = transactor.inSnapshot(() -> {
            List<Boolean> seen = new ArrayList<>();
            seen.add(stores.participants()
                    .find(LIVE, new ParticipantId("bank_2"))
                    .isPresent());
            Future<?> other = threads.submit(() -> {
                stores.participants().insert(bank(LIVE, "bank_2"));
                committedMeanwhile.countDown();
            });
            try {
                // An implementation that serialises transactions (in-memory) runs the other one afterwards.
                if (committedMeanwhile.await(2, TimeUnit.SECONDS)) {
                    other.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            seen.add(stores.participants()
                    .find(LIVE, new ParticipantId("bank_2"))
                    .isPresent());
            return seen;
        });
        assertThat(seenSecond).containsExactly(false, false);
        committedMeanwhileOrLater(committedMeanwhile);
        assertThat(stores.participants().find(LIVE, new ParticipantId("bank_2")))
                .isPresent();
    }

    private static void committedMeanwhileOrLater(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
