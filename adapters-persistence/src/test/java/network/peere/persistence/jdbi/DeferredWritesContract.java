package network.peere.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import network.peere.persistence.testing.StatementRecorder;
import network.peere.persistence.testing.TestDatabase;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes a transaction does not wait for ({@link JdbiTransactor#defer}): on MariaDB several go in one round trip,
 * each with its own arguments although their parameters share names; on H2 each runs at once. Either way a later
 * statement sees them, and a deferred write that fails or changes the wrong number of rows rolls the whole
 * transaction back. One subclass per database.
 */
abstract class DeferredWritesContract {
    private static final String INSERT = "INSERT INTO deferred_rows (id, label, n) VALUES (:id, :label, :n)";
    private static final String BUMP = "UPDATE deferred_rows SET n = n + :by WHERE id = :id";

    private TestDatabase database;
    private StatementRecorder recorder;
    private JdbiTransactor transactor;

    protected abstract TestDatabase openDatabase();

    /** Whether this database sends several deferred writes in one statement. */
    protected abstract boolean combinesWrites();

    @BeforeEach
    void open() {
        database = openDatabase();
        recorder = new StatementRecorder(database.dataSource());
        transactor = (JdbiTransactor) new JdbiStores(recorder.dataSource()).transactor();
        transactor.inTransaction(() -> transactor.withHandle(handle -> handle.execute(
                "CREATE TABLE deferred_rows (id VARCHAR(20) NOT NULL PRIMARY KEY, label VARCHAR(20) NULL, n INT)")));
        // The first transaction learns what the database allows; start counting after it.
        transactor.inTransaction(() -> rows());
        recorder.clear();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void insert(String id, String label, int n) {
        transactor.defer(
                "row " + id, INSERT, u -> u.bind("id", id).bind("label", label).bind("n", n), 1);
    }

    private List<String> rows() {
        return transactor.withHandle(handle -> handle.createQuery(
                        "SELECT CONCAT(id, '=', COALESCE(label, '-'), ':', n) FROM deferred_rows ORDER BY id")
                .mapTo(String.class)
                .list());
    }

    @Test
    void writes_sharing_parameter_names_keep_their_own_arguments_and_go_together() {
        transactor.inTransaction(() -> {
            insert("a", "first", 1);
            insert("b", null, 2);
            transactor.defer("bump a", BUMP, u -> u.bind("id", "a").bind("by", 10), 1);
            return null;
        });

        assertThat(transactor.inTransaction(this::rows)).containsExactly("a=first:11", "b=-:2");
        List<String> sent = recorder.statements().stream()
                .filter(sql -> sql.contains("deferred_rows") && !sql.contains("SELECT"))
                .toList();
        assertThat(sent).hasSize(combinesWrites() ? 1 : 3);
    }

    @Test
    void the_next_statement_sees_the_writes_held_back() {
        List<String> seen = transactor.inTransaction(() -> {
            insert("a", "x", 1);
            return rows();
        });

        assertThat(seen).containsExactly("a=x:1");
    }

    @Test
    void a_deferred_write_that_changes_no_row_rolls_the_transaction_back() {
        assertThatThrownBy(() -> transactor.inTransaction(() -> {
                    insert("a", "x", 1);
                    transactor.defer("bump z", BUMP, u -> u.bind("id", "z").bind("by", 1), 1);
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bump z");

        assertThat(transactor.inTransaction(this::rows)).isEmpty();
    }

    @Test
    void a_deferred_write_that_fails_rolls_back_the_writes_before_it() {
        transactor.useTransaction(() -> insert("a", "x", 1));

        assertThatThrownBy(() -> transactor.inTransaction(() -> {
                    insert("b", "y", 2);
                    insert("a", "again", 3);
                    return null;
                }))
                .isInstanceOf(RuntimeException.class);

        assertThat(transactor.inTransaction(this::rows)).containsExactly("a=x:1");
    }

    @Test
    void a_held_back_write_that_fails_is_never_taken_for_the_next_statements_own_failure() {
        transactor.useTransaction(() -> insert("a", "x", 1));

        assertThatThrownBy(() -> transactor.inTransaction(() -> {
                    insert("a", "again", 2); // a duplicate: fails here on H2, when sent on MariaDB
                    try {
                        transactor.withHandle(handle ->
                                handle.execute("INSERT INTO deferred_rows (id, label, n) VALUES ('b', 'y', 2)"));
                    } catch (UnableToExecuteStatementException ownFailure) {
                        // What a store does with its own statement's duplicate key ("already claimed").
                    }
                    return null;
                }))
                // On H2 the duplicate fails at once, as the deferring call's own failure.
                .isInstanceOf(
                        combinesWrites()
                                ? JdbiTransactor.DeferredWriteFailed.class
                                : UnableToExecuteStatementException.class);

        assertThat(transactor.inTransaction(this::rows)).containsExactly("a=x:1");
    }

    @Test
    void after_a_send_fails_nothing_commits_even_if_the_failure_was_caught() {
        transactor.useTransaction(() -> insert("a", "x", 1));

        assertThatThrownBy(() -> transactor.inTransaction(() -> {
                    insert("b", "y", 2); // sent and applied before the duplicate stops the call
                    insert("a", "again", 3);
                    try {
                        rows();
                    } catch (RuntimeException swallowed) {
                        // Code that goes on after a failure must still not commit the half that was applied.
                    }
                    return null;
                }))
                .isInstanceOf(RuntimeException.class);

        assertThat(transactor.inTransaction(this::rows)).containsExactly("a=x:1");
    }

    @Test
    void outside_a_transaction_a_deferred_write_runs_at_once() {
        insert("a", "x", 1);

        assertThat(rows()).containsExactly("a=x:1");
    }
}
