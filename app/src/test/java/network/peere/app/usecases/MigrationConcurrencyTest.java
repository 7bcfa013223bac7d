package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import network.peere.app.testing.StoreBackend;
import network.peere.app.testing.TestCustomers;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.identity.CustomerBatch;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.identity.CustomerDraft;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.participant.RegisterParticipant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One bank's migration batches sent at once with overlapping references: every reference becomes exactly one
 * customer, and every other item naming it is answered as a duplicate of that customer — on each store.
 */
class MigrationConcurrencyTest {
    private static final Actor TEST = Actor.system("use-case test");
    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    private static final int BATCHES = 8;
    private static final int ITEMS = 50;
    /** Each batch starts this many references after the previous one, so neighbours share half their items. */
    private static final int STRIDE = 25;

    abstract static class Contract {
        private final StoreBackend backend;
        private final AtomicLong ticks = new AtomicLong();
        private StoreBackend.Opened opened;
        private Peere peere;

        Contract(StoreBackend backend) {
            this.backend = backend;
        }

        @BeforeEach
        void open() {
            opened = backend.open();
            peere = opened.peere(() -> START.plus(Duration.ofMillis(ticks.incrementAndGet())));
        }

        @AfterEach
        void close() throws Exception {
            opened.close();
        }

        @Test
        void overlapping_batches_of_one_bank_sent_at_once_create_each_reference_once() throws Exception {
            var registered = peere.registerParticipant()
                    .register(new RegisterParticipant.Command(
                            Mode.SANDBOX,
                            "Bank",
                            "ops@bank.test",
                            new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE),
                            TEST));
            Participant bank = ((RegisterParticipant.Registration.Registered) registered).participant();

            var start = new CountDownLatch(1);
            List<Future<CustomerBatch>> sent = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(BATCHES)) {
                for (int b = 0; b < BATCHES; b++) {
                    List<CustomerDraft> drafts = new ArrayList<>();
                    for (int i = b * STRIDE; i < b * STRIDE + ITEMS; i++) {
                        drafts.add(TestCustomers.draft(Integer.toString(i), "c" + i + "@example.com"));
                    }
                    sent.add(threads.submit(() -> {
                        start.await();
                        var outcome = peere.migrateCustomers()
                                .migrate(new MigrateCustomers.Command(Mode.SANDBOX, bank.id(), drafts, TEST));
                        return ((MigrateCustomers.Migration.Processed) outcome).batch();
                    }));
                }
                start.countDown();
            }

            Map<String, CustomerId> created = new HashMap<>();
            List<BatchItem.Duplicate> duplicates = new ArrayList<>();
            for (Future<CustomerBatch> batch : sent) {
                for (BatchItem item : batch.get().items()) {
                    switch (item) {
                        case BatchItem.Created c ->
                            assertThat(created.put(c.reference().orElseThrow(), c.customerId()))
                                    .as("created twice: " + c.reference())
                                    .isNull();
                        case BatchItem.Duplicate d -> duplicates.add(d);
                        case BatchItem.Invalid i -> throw new AssertionError("invalid: " + i);
                    }
                }
            }
            int references = (BATCHES - 1) * STRIDE + ITEMS;
            assertThat(created).hasSize(references);
            assertThat(duplicates).hasSize(BATCHES * ITEMS - references);
            assertThat(duplicates)
                    .allSatisfy(d -> assertThat(d.existing())
                            .isEqualTo(created.get(d.reference().orElseThrow())));
            assertThat(opened.stores()
                            .customers()
                            .list(Mode.SANDBOX, bank.id(), CustomerFilter.any(), new PageRequest(0, 1))
                            .total())
                    .isEqualTo(references);
        }
    }

    @Nested
    class InMemory extends Contract {
        InMemory() {
            super(StoreBackend.IN_MEMORY);
        }
    }

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(StoreBackend.H2);
        }
    }

    @Nested
    class OnMariaDb extends Contract {
        OnMariaDb() {
            super(StoreBackend.MARIADB);
        }
    }
}
