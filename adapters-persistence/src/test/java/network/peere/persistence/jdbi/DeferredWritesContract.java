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

    /**
     * Whether each transaction sends {@code START TRANSACTION} and its end as statements of their own, whatever it
     * does (MariaDB with {@code allowMultiQueries} off); H2 begins and ends through the connection, not statements.
     */
    protected boolean sendsEndsAlone() {
        return false;
    }

    /** Whether the connection under {@code handle} is inside a transaction the server holds open. */
    protected abstract boolean holdsTransaction(org.jdbi.v3.core.Handle handle) throws java.sql.SQLException;

    /**
     * Whether this thread's connection (the pool lends a thread the connection it last used) was left inside a
     * transaction: its locks would stay held, and the next borrower's statements would join it.
     */
    private boolean leftInATransaction() {
        return transactor.withHandle(handle -> {
            try {
                return holdsTransaction(handle);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @BeforeEach
    void open() {
        database = openDatabase();
        recorder = new StatementRecorder(database.dataSource());
        transactor = (JdbiTransactor) new JdbiStores(recorder.dataSource()).transactor();
        transactor.inTransaction(() -> transactor.withHandle(handle -> handle.execute(
                "CREATE TABLE deferred_rows (id VARCHAR(20) NOT NULL PRIMARY KEY, label VARCHAR(20) NULL, n INT)")));
        // The first transactions learn what the database allows; start counting after them.
        transactor.useTransaction(() -> insert("z", "probe", 0));
        transactor.useTransaction(() -> transactor.withHandle(handle -> handle.execute("DELETE FROM deferred_rows")));
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
        if (combinesWrites()) {
            // The transaction's start, its writes and its commit in one block, one statement for the server: one round
            // trip in all. The update's row count is checked on the server; a plain insert's needs no check.
            String combined = recorder.statements().getFirst();
            assertThat(combined)
                    .startsWith("BEGIN NOT ATOMIC\nSTART TRANSACTION;\nINSERT INTO deferred_rows")
                    .endsWith("COMMIT AND NO CHAIN NO RELEASE;\nEND");
            assertThat(combined.split("IF ROW_COUNT\\(\\) != 1 THEN SIGNAL", -1))
                    .as("one check, after the update")
                    .hasSize(2);
            assertThat(combined.substring(combined.indexOf("IF ROW_COUNT()"))).doesNotContain("INSERT");
            assertThat(recorder.statements().get(1))
                    .as("the next transaction's")
                    .isEqualTo("START TRANSACTION");
        }
    }

    private List<String> lockedRows() {
        return transactor.query(
                "SELECT CONCAT(id, ':', n) FROM deferred_rows ORDER BY id FOR UPDATE",
                query -> query.mapTo(String.class).list());
    }

    @Test
    void a_transaction_that_sends_no_statement_sends_nothing_at_all() {
        assertThat(transactor.inTransaction(() -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> transactor.inTransaction(() -> {
                    throw new IllegalStateException("before any statement");
                }))
                .hasMessage("before any statement");

        assertThat(recorder.statements())
                .isEqualTo(
                        sendsEndsAlone()
                                ? List.of(
                                        "START TRANSACTION",
                                        "COMMIT AND NO CHAIN NO RELEASE",
                                        "START TRANSACTION",
                                        "ROLLBACK AND NO CHAIN NO RELEASE")
                                : List.of());
    }

    @Test
    void a_transaction_that_starts_with_a_query_begins_with_it() {
        transactor.useTransaction(() -> insert("a", "x", 1));
        recorder.clear();

        assertThatThrownBy(() -> transactor.inTransaction(() -> {
                    assertThat(lockedRows()).containsExactly("a:1");
                    transactor.withHandle(handle -> handle.execute("UPDATE deferred_rows SET n = 5 WHERE id = 'a'"));
                    throw new IllegalStateException("undo");
                }))
                .hasMessage("undo");

        assertThat(transactor.inTransaction(this::rows))
                .as("the update after the query was part of the transaction")
                .containsExactly("a=x:1");
        if (combinesWrites()) {
            assertThat(recorder.statements().subList(0, 3))
                    .satisfiesExactly(
                            query -> assertThat(query)
                                    .startsWith("START TRANSACTION;\nSELECT")
                                    .endsWith("FOR UPDATE"),
                            update -> assertThat(update).startsWith("UPDATE deferred_rows"),
                            end -> assertThat(end).startsWith("ROLLBACK"));
        }
    }

    @Test
    void no_way_out_of_a_transaction_leaves_it_open_on_the_connection() {
        transactor.useTransaction(() -> insert("a", "x", 1));
        Runnable failingFirstQuery = () -> transactor.query(
                "SELECT n FROM no_such_table",
                query -> query.mapTo(Integer.class).list());

        // Its first statement failed and was caught; nothing else was sent.
        transactor.useTransaction(() -> {
            try {
                failingFirstQuery.run();
            } catch (org.jdbi.v3.core.statement.StatementException expected) {
                // A store may catch its own statement's failure.
            }
        });
        assertThat(leftInATransaction())
                .as("after a caught failure of the first query")
                .isFalse();

        assertThatThrownBy(() -> transactor.useTransaction(failingFirstQuery)).isInstanceOf(RuntimeException.class);
        assertThat(leftInATransaction())
                .as("after the first query's failure ended it")
                .isFalse();

        transactor.useTransaction(() -> {});
        assertThat(leftInATransaction())
                .as("after a transaction that sent nothing")
                .isFalse();

        assertThatThrownBy(() -> transactor.useTransaction(() -> {
                    lockedRows();
                    insert("b", "y", 2);
                    transactor.defer("bump z", BUMP, u -> u.bind("id", "z").bind("by", 1), 1);
                }))
                .hasMessageContaining("bump z");
        assertThat(leftInATransaction())
                .as("after a held-back write changed no row")
                .isFalse();
        assertThat(transactor.inTransaction(this::rows))
                .as("nothing of it committed, though the locking read had begun it")
                .containsExactly("a=x:1");
    }

    @Test
    void a_held_back_update_that_finds_its_row_unchanged_still_counts_it() {
        transactor.useTransaction(() -> insert("a", "x", 1));

        transactor.useTransaction(() -> {
            lockedRows();
            transactor.defer("bump a by nothing", BUMP, u -> u.bind("id", "a").bind("by", 0), 1);
            insert("b", "y", 2);
        });

        assertThat(transactor.inTransaction(this::rows)).containsExactly("a=x:1", "b=y:2");
    }

    @Test
    void a_query_that_began_its_transaction_cannot_run_again() {
        transactor.useTransaction(() -> insert("a", "x", 1));

        var outcome = org.assertj.core.api.Assertions.catchThrowable(() -> transactor.useTransaction(() -> {
            transactor.query("SELECT n FROM deferred_rows WHERE id = 'a' FOR UPDATE", query -> {
                query.mapTo(Integer.class).list();
                transactor.withHandle(handle -> handle.execute("UPDATE deferred_rows SET n = 9 WHERE id = 'a'"));
                return query.mapTo(Integer.class).list();
            });
            throw new IllegalStateException("undo");
        }));

        if (combinesWrites()) {
            // Run again, its START TRANSACTION would have committed the update.
            assertThat(outcome).hasMessageContaining("ran after its start");
        } else {
            assertThat(outcome).hasMessage("undo");
        }
        assertThat(transactor.inTransaction(this::rows)).containsExactly("a=x:1");
    }

    @Test
    void after_a_first_query_fails_the_rest_of_the_transaction_still_commits_or_rolls_back_as_one() {
        transactor.useTransaction(() -> insert("a", "x", 1));

        for (boolean commit : List.of(false, true)) {
            var outcome = org.assertj.core.api.Assertions.catchThrowable(() -> transactor.useTransaction(() -> {
                try {
                    transactor.query(
                            "SELECT n FROM no_such_table",
                            query -> query.mapTo(Integer.class).list());
                } catch (org.jdbi.v3.core.statement.StatementException expected) {
                    // A store may catch its own statement's failure and go on, with another query first.
                }
                assertThat(lockedRows()).containsExactly("a:1");
                insert("b", "y", 2);
                transactor.withHandle(handle -> handle.execute("UPDATE deferred_rows SET n = 7 WHERE id = 'a'"));
                if (!commit) {
                    throw new IllegalStateException("undo");
                }
            }));

            if (commit) {
                assertThat(outcome).isNull();
                assertThat(transactor.inTransaction(this::rows)).containsExactly("a=x:7", "b=y:2");
            } else {
                assertThat(outcome).hasMessage("undo");
                assertThat(transactor.inTransaction(this::rows)).containsExactly("a=x:1");
            }
        }
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
    void a_plain_insert_that_promised_another_number_of_rows_rolls_the_transaction_back() {
        // Its count is checked on the server all the same: only an insert of exactly the rows promised goes unchecked.
        assertThatThrownBy(() -> transactor.inTransaction(() -> {
                    insert("a", "x", 1);
                    transactor.defer(
                            "row b, said to be two",
                            INSERT,
                            u -> u.bind("id", "b").bind("label", "y").bind("n", 2),
                            2);
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("said to be two");

        assertThat(leftInATransaction()).isFalse();
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
        // On MariaDB the failing block also carried START TRANSACTION: the transaction it opened was rolled back.
        assertThat(leftInATransaction()).isFalse();

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
