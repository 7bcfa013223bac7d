package network.peere.persistence.jdbi;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.persistence.testing.TestCustomers.customer;
import static network.peere.persistence.testing.TestCustomers.renamed;
import static network.peere.persistence.testing.TestParticipants.T0;
import static network.peere.persistence.testing.TestParticipants.bank;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.identity.Identity;
import network.peere.core.domain.identity.ReachableCustomer;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.persistence.testing.StatementRecorder;
import network.peere.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lookup cache of one server process ({@link CachingCustomerDirectory}) on its own time source: what another
 * process writes is seen here after the time to live and not before, the cache never holds more answers than
 * configured, and a device linked while its customer's update commits cannot keep the customer's old details.
 * One subclass per database.
 */
abstract class LookupCacheContract {
    private static final Duration TTL = Duration.ofSeconds(5);
    private static final int ENTRIES_MAX = 3;
    private static final ParticipantId BANK = new ParticipantId("bank_a");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final AtomicLong nanos = new AtomicLong();
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();
    private TestDatabase database;
    private StatementRecorder recorder;

    /** This process: its lookups are cached on {@link #nanos}. */
    private JdbiStores here;

    /** Another server process on the same database, with a cache of its own. */
    private JdbiStores elsewhere;

    private Customer ada;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void openProcesses() {
        database = openDatabase();
        recorder = new StatementRecorder(database.dataSource());
        here = process(new LookupCacheSettings(TTL, ENTRIES_MAX));
        elsewhere = database.stores();
        elsewhere.participants().insert(bank(LIVE, BANK.value()));
        ada = customer(LIVE, BANK.value(), "1", "ada@example.com");
        elsewhere.customers().insertAll(List.of(ada));
    }

    @AfterEach
    void close() {
        otherThread.shutdownNow();
        database.close();
    }

    private JdbiStores process(LookupCacheSettings settings) {
        return new JdbiStores(recorder.dataSource(), settings, nanos::get);
    }

    private static List<Customer> reach(JdbiStores process, Identity identity) {
        return process.customers().findByIdentity(LIVE, identity).stream()
                .map(ReachableCustomer::customer)
                .toList();
    }

    private List<Customer> reach(Identity identity) {
        return reach(here, identity);
    }

    private static Identity email(String address) {
        return new Identity.ByEmail(new Email(address));
    }

    private static Identity device(String id) {
        return new Identity.ByDevice(new DeviceId(id));
    }

    private static Device linked(String deviceId, Customer customer) {
        return new Device(LIVE, BANK, new DeviceId(deviceId), customer.id(), T0);
    }

    @Test
    void another_process_s_changes_are_seen_here_after_the_ttl_and_not_before() {
        assertThat(reach(email("ada@example.com"))).containsExactly(ada);
        assertThat(reach(elsewhere, email("ada@example.com"))).containsExactly(ada);
        assertThat(reach(email("bola@example.com"))).isEmpty();
        assertThat(reach(device("d-1"))).isEmpty();

        var chiamaka = renamed(ada, "Chiamaka", T0.plusSeconds(1));
        var bola = customer(LIVE, BANK.value(), "2", "bola@example.com");
        assertThat(elsewhere.customers().update(chiamaka)).isTrue();
        elsewhere.customers().insertAll(List.of(bola));
        elsewhere.devices().link(linked("d-1", ada));

        nanos.addAndGet(TTL.toNanos() - 1);
        assertThat(reach(email("ada@example.com"))).as("within the TTL").containsExactly(ada);
        assertThat(reach(email("bola@example.com"))).isEmpty();
        assertThat(reach(device("d-1"))).isEmpty();
        assertThat(reach(elsewhere, email("ada@example.com")))
                .as("the process that wrote sees it at once")
                .containsExactly(chiamaka);

        nanos.addAndGet(1);
        assertThat(reach(email("ada@example.com"))).as("at the TTL").containsExactly(chiamaka);
        assertThat(reach(email("bola@example.com"))).containsExactly(bola);
        assertThat(reach(device("d-1"))).containsExactly(chiamaka);
    }

    @Test
    void a_bank_s_suspension_reaches_lookups_within_the_ttl_even_through_this_process() {
        assertThat(reach(email("ada@example.com"))).containsExactly(ada);

        var bank = here.participants().find(LIVE, BANK).orElseThrow();
        here.participants().update(bank.withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(1)));

        nanos.addAndGet(TTL.toNanos() - 1);
        assertThat(reach(email("ada@example.com"))).containsExactly(ada);
        nanos.addAndGet(1);
        assertThat(reach(email("ada@example.com"))).isEmpty();
    }

    @Test
    void a_ttl_of_zero_keeps_nothing() {
        var uncached = process(new LookupCacheSettings(Duration.ZERO, ENTRIES_MAX));
        assertThat(reach(uncached, email("ada@example.com"))).containsExactly(ada);

        var chiamaka = renamed(ada, "Chiamaka", T0.plusSeconds(1));
        assertThat(elsewhere.customers().update(chiamaka)).isTrue();

        assertThat(reach(uncached, email("ada@example.com"))).containsExactly(chiamaka);
    }

    @Test
    void never_holds_more_answers_than_configured_and_still_answers_every_lookup() {
        List<Customer> customers = new ArrayList<>();
        for (int n = 2; n <= 12; n++) {
            customers.add(customer(LIVE, BANK.value(), String.valueOf(n), "c" + n + "@example.com"));
        }
        elsewhere.customers().insertAll(customers);
        var roomy = process(new LookupCacheSettings(TTL, 100));

        for (int round = 0; round < 2; round++) {
            for (Customer c : customers) {
                assertThat(reach(email(c.details().email().value()))).containsExactly(c);
                assertThat(reach(roomy, email(c.details().email().value()))).containsExactly(c);
            }
            assertThat(reach(email("nobody" + round + "@example.com"))).isEmpty();
            assertThat(reach(roomy, email("nobody" + round + "@example.com"))).isEmpty();
        }

        assertThat(here.lookupsCached()).isEqualTo(ENTRIES_MAX);
        assertThat(roomy.lookupsCached())
                .as("every answer, when the maximum allows")
                .isEqualTo(13);
    }

    /**
     * The update reads which devices to evict; a link committing after that read but before the update's commit (and
     * a lookup between the two, which reads the details the update replaces) must not leave that lookup cached.
     */
    @Test
    void a_device_linked_while_its_customer_s_update_commits_shows_the_update() throws Exception {
        var chiamaka = renamed(ada, "Chiamaka", T0.plusSeconds(1));
        var updated = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        Future<?> update = otherThread.submit(() -> here.transactor().useTransaction(() -> {
            assertThat(here.customers().update(chiamaka)).isTrue();
            updated.countDown();
            await(commit);
        }));
        await(updated);

        here.transactor().useTransaction(() -> here.devices().link(linked("d-1", ada)));
        assertThat(reach(device("d-1"))).as("read before the update commits").containsExactly(ada);
        commit.countDown();
        update.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(reach(device("d-1"))).containsExactly(chiamaka);
        assertThat(reach(email("ada@example.com"))).containsExactly(chiamaka);
    }

    /** The devices to evict are read after the commit: on the connection the transaction gave back, not a second. */
    @Test
    void a_changed_customer_s_devices_are_evicted_even_on_a_pool_of_one_connection() {
        try (var onePool =
                new HikariDataSource(Database.poolConfig(database.settings().withMaxPoolSize(1)))) {
            var small = new JdbiStores(onePool, new LookupCacheSettings(TTL, ENTRIES_MAX), nanos::get);
            small.devices().link(linked("d-1", ada));
            assertThat(reach(small, device("d-1"))).containsExactly(ada);

            var chiamaka = renamed(ada, "Chiamaka", T0.plusSeconds(1));
            assertThat(small.transactor().inTransaction(() -> small.customers().update(chiamaka)))
                    .isTrue();

            assertThat(reach(small, device("d-1"))).containsExactly(chiamaka);
        }
    }

    @Test
    void a_write_outside_any_transaction_evicts_after_it_commits() {
        var raced = new AtomicBoolean();
        recorder.beforeEach(sql -> {
            if (sql.contains("INSERT INTO customer_devices") && !raced.getAndSet(true)) {
                // Another request looks the device up just before the row is written, and caches "nobody".
                assertThat(onOtherThread(() -> reach(device("d-1")))).isEmpty();
            }
        });

        here.devices().link(linked("d-1", ada));

        assertThat(raced).isTrue();
        assertThat(reach(device("d-1"))).containsExactly(ada);
    }

    private <T> T onOtherThread(java.util.concurrent.Callable<T> work) {
        try {
            return otherThread.submit(work).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other side never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
