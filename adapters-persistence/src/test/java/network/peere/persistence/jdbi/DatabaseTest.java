package network.peere.persistence.jdbi;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.persistence.testing.TestParticipants.bank;
import static network.peere.persistence.testing.TestParticipants.registeredAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.TimeZone;
import java.util.function.Supplier;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @Test
    void creates_the_embedded_file_on_first_open_and_keeps_its_rows_across_restarts(@TempDir Path dataDir) {
        var settings = DatabaseSettings.h2File(dataDir);
        try (var database = Database.open(settings)) {
            database.stores().participants().insert(bank(LIVE, "bank_1"));
        }

        try (var reopened = Database.open(settings)) {
            assertThat(reopened.stores()
                            .participants()
                            .find(LIVE, bank(LIVE, "bank_1").id()))
                    .isPresent();
        }
        assertThat(dataDir.resolve("peere.mv.db")).exists();
    }

    @Test
    void is_ready_while_open_and_not_after_close() {
        var database = Database.open(DatabaseSettings.h2InMemory("ready_check"));
        assertThat(database.isReady()).isTrue();

        database.close();

        assertThat(database.isReady()).isFalse();
    }

    @Test
    void h2_keeps_instants_whatever_the_jvm_time_zone() {
        assertRoundTripInAnotherJvmTimeZone(TestDatabases::h2);
    }

    @Test
    void mariadb_keeps_instants_whatever_the_jvm_time_zone() {
        assertRoundTripInAnotherJvmTimeZone(TestDatabases::mariaDb);
    }

    @Test
    void mariadb_is_ready() {
        try (var database = TestDatabases.mariaDb()) {
            assertThat(database.database().isReady()).isTrue();
        }
    }

    /** The database is opened in the odd zone, so the driver's session picks it up too. */
    private static void assertRoundTripInAnotherJvmTimeZone(Supplier<TestDatabase> databases) {
        var instant = Instant.parse("2026-03-29T01:30:00.000001Z"); // in a DST gap in Europe
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try (var database = databases.get()) {
            var participants = database.stores().participants();
            participants.insert(registeredAt(bank(LIVE, "bank_1"), instant));

            assertThat(participants.find(LIVE, bank(LIVE, "bank_1").id()))
                    .map(participant -> participant.createdAt())
                    .contains(instant);
        } finally {
            TimeZone.setDefault(original);
        }
    }
}
