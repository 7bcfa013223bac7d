package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import network.peere.app.testing.StoreBackend;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.idempotency.IdempotencyKey;
import network.peere.core.domain.idempotency.StoredResponse;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.idempotency.RunIdempotently;
import network.peere.core.ports.in.idempotency.RunIdempotently.Outcome;
import network.peere.core.ports.in.participant.RegisterParticipant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RunIdempotently} over real use cases on every store: one effect per key, whatever the concurrency. */
abstract class IdempotencyUseCasesContract {
    private static final ParticipantId OPERATOR = new ParticipantId("op_1");
    private static final IdempotencyKey KEY = new IdempotencyKey(Mode.SANDBOX, OPERATOR, "create-bank-1");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T08:00:00Z"));
    private final AtomicInteger effects = new AtomicInteger();
    Peere peere;

    private final StoreBackend backend;
    private StoreBackend.Opened opened;

    IdempotencyUseCasesContract(StoreBackend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void createPeere() {
        opened = backend.open();
        peere = opened.peere(now::get);
    }

    @AfterEach
    void release() throws Exception {
        opened.close();
    }

    /** The work a route would do: create a bank and answer with its id. */
    private StoredResponse createBank() {
        effects.incrementAndGet();
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(
                        Mode.SANDBOX,
                        "Idempotent Bank",
                        "ops@bank.test",
                        new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE),
                        Actor.system("test")));
        String id = ((RegisterParticipant.Registration.Registered) outcome)
                .participant()
                .id()
                .value();
        return new StoredResponse(201, "application/json", "{\"id\":\"" + id + "\"}");
    }

    private long banks() {
        return peere.findParticipants()
                .list(Mode.SANDBOX, ParticipantFilter.role(Role.BANK), PageRequest.first())
                .total();
    }

    private Outcome run(String fingerprint) {
        return peere.runIdempotently().run(new RunIdempotently.Request(KEY, fingerprint), this::createBank);
    }

    @Test
    void the_same_request_again_replays_the_first_response() {
        var first = (Outcome.Executed) run("fp-a");
        var again = run("fp-a");
        assertThat(again).isEqualTo(new Outcome.Replayed(first.response()));
        assertThat(effects).hasValue(1);
        assertThat(banks()).isEqualTo(1);
    }

    @Test
    void the_same_key_with_another_request_is_refused() {
        run("fp-a");
        assertThat(run("fp-b")).isEqualTo(new Outcome.KeyReused());
        assertThat(banks()).isEqualTo(1);
    }

    @Test
    void failed_work_leaves_the_key_unused() {
        try {
            peere.runIdempotently().run(new RunIdempotently.Request(KEY, "fp-a"), () -> {
                createBank();
                throw new IllegalArgumentException("refused after the effect");
            });
        } catch (IllegalArgumentException expected) {
            // the effect and the claim rolled back together
        }
        assertThat(banks()).isZero();
        assertThat(run("fp-b")).isInstanceOf(Outcome.Executed.class);
    }

    private Outcome runThenRecord(String fingerprint) {
        return peere.runIdempotently().runThenRecord(new RunIdempotently.Request(KEY, fingerprint), this::createBank);
    }

    @Test
    void work_recorded_after_it_ran_is_replayed_and_its_key_refused_for_another_request() {
        var first = (Outcome.Executed) runThenRecord("fp-a");
        assertThat(runThenRecord("fp-a")).isEqualTo(new Outcome.Replayed(first.response()));
        assertThat(runThenRecord("fp-b")).isEqualTo(new Outcome.KeyReused());
        // One key space: the transactional form replays what the recording form stored.
        assertThat(run("fp-a")).isEqualTo(new Outcome.Replayed(first.response()));
        assertThat(effects).hasValue(1);
        assertThat(banks()).isEqualTo(1);
    }

    @Test
    void work_recorded_after_it_ran_keeps_what_it_committed_when_it_fails_and_records_nothing() {
        try {
            peere.runIdempotently().runThenRecord(new RunIdempotently.Request(KEY, "fp-a"), () -> {
                createBank();
                throw new IllegalArgumentException("refused after the effect");
            });
        } catch (IllegalArgumentException expected) {
            // the work ran outside the key's transaction: its effect is committed, and no response was recorded
        }
        assertThat(banks()).isEqualTo(1);
        assertThat(runThenRecord("fp-a")).isInstanceOf(Outcome.Executed.class);
        assertThat(banks()).isEqualTo(2);
    }

    @Test
    void concurrent_first_uses_of_work_recorded_after_it_ran_leave_one_response_to_replay() throws Exception {
        int threads = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            var start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return runThenRecord("fp-a");
                }));
            }
            start.countDown();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // Each that found nothing recorded ran the work (its effects must be safe to repeat); later uses replay one.
        long executed =
                outcomes.stream().filter(o -> o instanceof Outcome.Executed).count();
        assertThat(executed).isBetween(1L, (long) threads);
        assertThat(effects).hasValue((int) executed);
        var replayed = (Outcome.Replayed) runThenRecord("fp-a");
        assertThat(outcomes.stream()
                        .map(o -> o instanceof Outcome.Executed e ? e.response() : ((Outcome.Replayed) o).response()))
                .contains(replayed.response());
    }

    @Test
    void a_key_is_forgotten_after_24_hours() {
        run("fp-a");
        now.set(now.get().plus(Duration.ofHours(24)));
        assertThat(run("fp-b")).as("an expired key is free again").isInstanceOf(Outcome.Executed.class);
        now.set(now.get().plus(Duration.ofHours(24)));
        assertThat(peere.runIdempotently().purgeExpired(100)).isEqualTo(1);
        assertThat(peere.runIdempotently().purgeExpired(100)).isZero();
    }

    @Test
    void twenty_concurrent_first_uses_make_one_effect() throws Exception {
        assertConcurrentUsesMakeOneEffect("fp-a");
        assertThat(Optional.of(effects.get())).as("the work ran once").contains(1);
    }

    @Test
    void twenty_concurrent_uses_of_an_expired_key_make_one_new_effect() throws Exception {
        run("fp-a");
        // Several rounds: claims racing the removal of the expired row can deadlock on MariaDB (the database then
        // gives one up and it starts again), which one round does not always show.
        int rounds = 5;
        for (int round = 1; round <= rounds; round++) {
            now.set(now.get().plus(Duration.ofHours(24)));
            assertConcurrentUsesMakeOneEffect("fp-round-" + round);
        }
        assertThat(Optional.of(effects.get())).as("the work ran once per round").contains(1 + rounds);
        assertThat(banks()).isEqualTo(1 + rounds);
    }

    /** Twenty threads send one request with {@code fingerprint} at once: one runs it, the others replay its answer. */
    private void assertConcurrentUsesMakeOneEffect(String fingerprint) throws Exception {
        long banksBefore = banks();
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return run(fingerprint);
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Executed).hasSize(1);
            StoredResponse first = outcomes.stream()
                    .filter(o -> o instanceof Outcome.Executed)
                    .map(o -> ((Outcome.Executed) o).response())
                    .findFirst()
                    .orElseThrow();
            assertThat(outcomes)
                    .filteredOn(o -> o instanceof Outcome.Replayed)
                    .hasSize(threads - 1)
                    .allMatch(o -> ((Outcome.Replayed) o).response().equals(first));
            assertThat(banks()).isEqualTo(banksBefore + 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
