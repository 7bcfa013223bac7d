package network.peere.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.TestCustomers;
import network.peere.app.testing.TestNetwork;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.identity.CustomerDraft;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.identity.UpdateCustomer;
import network.peere.persistence.jdbi.LookupCacheSettings;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup cache's settings from the environment, refused at start with a message naming the setting. */
class PeereConfigLookupCacheTest {
    private static final Actor TEST = Actor.system("lookup cache test");

    private static LookupCacheSettings lookupCache(Map<String, String> environment) {
        return PeereConfig.from(environment).lookupCache();
    }

    @Test
    void by_default_answers_are_kept_five_seconds_and_at_most_100_000_of_them() {
        assertThat(lookupCache(Map.of())).isEqualTo(new LookupCacheSettings(Duration.ofSeconds(5), 100_000));
    }

    @Test
    void sets_the_time_to_live_and_the_size() {
        assertThat(lookupCache(Map.of("PEERE_LOOKUP_CACHE_TTL", "500ms", "PEERE_LOOKUP_CACHE_SIZE", "20000")))
                .isEqualTo(new LookupCacheSettings(Duration.ofMillis(500), 20_000));
        assertThat(lookupCache(Map.of("PEERE_LOOKUP_CACHE_TTL", "1m")).ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(lookupCache(Map.of("PEERE_LOOKUP_CACHE_TTL", "0s")).ttl()).isZero();
    }

    @Test
    void refuses_a_time_to_live_that_is_not_a_duration_up_to_a_minute() {
        for (String raw : new String[] {"61s", "2m", "5", "-1s", "soon"}) {
            assertThatThrownBy(() -> lookupCache(Map.of("PEERE_LOOKUP_CACHE_TTL", raw)))
                    .as(raw)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("PEERE_LOOKUP_CACHE_TTL must be a duration from 0s to 1m");
        }
    }

    @Test
    void refuses_a_size_out_of_range() {
        for (String raw : new String[] {"0", "10000001", "many"}) {
            assertThatThrownBy(() -> lookupCache(Map.of("PEERE_LOOKUP_CACHE_SIZE", raw)))
                    .as(raw)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("PEERE_LOOKUP_CACHE_SIZE must be");
        }
    }

    /** Two server processes besides the one that writes, on one MariaDB database, each as its setting says. */
    @Test
    void the_configured_time_to_live_decides_how_long_another_process_s_change_goes_unseen(@TempDir Path dataDir) {
        try (TestDatabase database = TestDatabases.mariaDb();
                PeereRuntime writer = runtime(database, dataDir, Map.of());
                PeereRuntime cached = runtime(database, dataDir, Map.of("PEERE_LOOKUP_CACHE_TTL", "1m"));
                PeereRuntime uncached = runtime(database, dataDir, Map.of("PEERE_LOOKUP_CACHE_TTL", "0s"))) {
            Participant bank = TestNetwork.bank(writer.peere());
            Participant merchant = TestNetwork.merchant(writer.peere(), TrustLevel.BASIC);
            var ada = (BatchItem.Created) ((MigrateCustomers.Migration.Processed) writer.peere()
                            .migrateCustomers()
                            .migrate(new MigrateCustomers.Command(
                                    Mode.SANDBOX,
                                    bank.id(),
                                    List.of(TestCustomers.draft("1", "ada@example.com")),
                                    TEST)))
                    .batch()
                    .items()
                    .getFirst();
            assertThat(customerName(cached.peere(), merchant)).isEqualTo("A*** O.");
            assertThat(customerName(uncached.peere(), merchant)).isEqualTo("A*** O.");

            var renamed = writer.peere()
                    .updateCustomer()
                    .update(new UpdateCustomer.Command(
                            Mode.SANDBOX,
                            bank.id(),
                            ada.customerId(),
                            CustomerDraft.of(Map.of("firstname", "Chiamaka")),
                            TEST));
            assertThat(renamed).isInstanceOf(UpdateCustomer.Update.Updated.class);

            assertThat(customerName(uncached.peere(), merchant)).as("TTL 0s").isEqualTo("C*** O.");
            assertThat(customerName(cached.peere(), merchant)).as("TTL 1m").isEqualTo("A*** O.");
        }
    }

    private static PeereRuntime runtime(TestDatabase database, Path dataDir, Map<String, String> extra) {
        return PeereRuntime.open(RunningServer.config(database, dataDir, extra));
    }

    private static String customerName(Peere peere, Participant merchant) {
        return TestNetwork.foundByEmail(peere, merchant, "ada@example.com")
                .banks()
                .getFirst()
                .customerName();
    }
}
