package network.peere.persistence.jdbi;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.persistence.testing.TestParticipants.bank;
import static network.peere.persistence.testing.TestParticipants.registeredAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void mariadb_lends_no_connection_back_with_a_transaction_open_after_a_commit_or_a_rollback() {
        // One connection: every call below borrows the very connection the transaction before it used.
        try (var schema = TestDatabases.mariaDb();
                var database = onOneConnection(schema)) {
            var stores = database.stores();
            var transactor = (JdbiTransactor) stores.transactor();

            assertThatThrownBy(() -> transactor.useTransaction(() -> {
                        stores.participants().insert(bank(LIVE, "bank_1"));
                        throw new IllegalStateException("the change fails");
                    }))
                    .hasMessage("the change fails");
            assertThat(inTransaction(transactor)).isZero();
            assertThat(stores.participants().find(LIVE, bank(LIVE, "bank_1").id()))
                    .isEmpty();

            transactor.useTransaction(() -> stores.participants().insert(bank(LIVE, "bank_2")));
            assertThat(inTransaction(transactor)).isZero();
            // Written outside any transaction, so committed on its own at once: another connection sees it.
            stores.participants().insert(bank(LIVE, "bank_3"));
            assertThat(schema.stores()
                            .participants()
                            .find(LIVE, bank(LIVE, "bank_3").id()))
                    .isPresent();
            assertThat(inTransaction(transactor)).isZero();
        }
    }

    @Test
    void mariadb_drops_a_connection_whose_commit_failed_and_lends_a_fresh_one() throws Exception {
        try (var schema = TestDatabases.mariaDb();
                var database = onOneConnection(schema)) {
            var stores = database.stores();
            var transactor = (JdbiTransactor) stores.transactor();

            // The work succeeds, but its connection dies before COMMIT: neither COMMIT nor ROLLBACK can be sent.
            assertThatThrownBy(() -> transactor.useTransaction(() -> {
                        stores.participants().insert(bank(LIVE, "bank_1"));
                        long id = transactor.withHandle(handle -> handle.createQuery("SELECT CONNECTION_ID()")
                                .mapTo(Long.class)
                                .one());
                        kill(schema, id);
                    }))
                    .hasMessageContaining("COMMIT");

            assertThat(schema.stores()
                            .participants()
                            .find(LIVE, bank(LIVE, "bank_1").id()))
                    .isEmpty();
            // The pool's one connection was the dead one: what it lends now is new, works, and holds no transaction.
            transactor.useTransaction(() -> stores.participants().insert(bank(LIVE, "bank_2")));
            assertThat(inTransaction(transactor)).isZero();
            assertThat(schema.stores()
                            .participants()
                            .find(LIVE, bank(LIVE, "bank_2").id()))
                    .isPresent();
        }
    }

    @Test
    void h2_a_failing_completion_callback_hides_neither_the_result_nor_the_failure() {
        assertCompletionCallbacksKeepTheOutcome(TestDatabases::h2);
    }

    @Test
    void mariadb_a_failing_completion_callback_hides_neither_the_result_nor_the_failure() {
        assertCompletionCallbacksKeepTheOutcome(TestDatabases::mariaDb);
    }

    private static void assertCompletionCallbacksKeepTheOutcome(Supplier<TestDatabase> databases) {
        try (var database = databases.get()) {
            var transactor = (JdbiTransactor) database.stores().transactor();
            var ran = new AtomicInteger();
            Runnable failing = () -> {
                throw new IllegalStateException("the callback fails");
            };

            String result = transactor.inTransaction(() -> {
                transactor.afterCompletion(failing);
                transactor.afterCompletion(ran::incrementAndGet);
                return "committed";
            });
            assertThatThrownBy(() -> transactor.useTransaction(() -> {
                        transactor.afterCompletion(failing);
                        transactor.afterCompletion(ran::incrementAndGet);
                        throw new IllegalArgumentException("the change fails");
                    }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the change fails");

            assertThat(result).isEqualTo("committed");
            assertThat(ran).as("the callbacks after the failing one").hasValue(2);
        }
    }

    /** The schema again, through a pool of exactly one connection. */
    private static Database onOneConnection(TestDatabase schema) {
        return Database.open(new DatabaseSettings(
                schema.settings().jdbcUrl(),
                schema.settings().user(),
                schema.settings().password(),
                1));
    }

    private static void kill(TestDatabase schema, long connectionId) {
        try (Connection other = DriverManager.getConnection(
                        schema.settings().jdbcUrl(),
                        schema.settings().user(),
                        schema.settings().password());
                Statement statement = other.createStatement()) {
            statement.execute("KILL CONNECTION " + connectionId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MariaDB's own word on whether the session has a transaction open. */
    private static int inTransaction(JdbiTransactor transactor) {
        return transactor.withHandle(handle -> handle.createQuery("SELECT @@in_transaction")
                .mapTo(Integer.class)
                .one());
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
