package network.peere.persistence.jdbi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import network.peere.core.ports.out.Transactor;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Binding;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions over one JDBI handle bound to the calling thread: stores called inside {@code inTransaction} use that
 * handle, so their statements commit or roll back together; a nested call joins the outer transaction. There are no
 * savepoints: only an exception escaping the outermost call rolls back, and then it rolls back everything.
 */
public final class JdbiTransactor implements Transactor {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiTransactor.class);
    private final Jdbi jdbi;

    /** Per instance, not static, so two databases open in one JVM (tests, the CLI) never share a handle. */
    private final ThreadLocal<Handle> current = new ThreadLocal<>();

    /** What runs when the outermost transaction ends, committed or not (e.g. cache evictions). */
    private final ThreadLocal<List<Runnable>> onCompletion = ThreadLocal.withInitial(ArrayList::new);

    /** Whether the database is MySQL or MariaDB; learnt from the first connection. */
    private volatile Boolean mySqlFamily;

    /** Whether its connections take several statements in one round trip ({@code allowMultiQueries}); learnt once. */
    private volatile Boolean multiStatements;

    /**
     * Whether the server runs an {@code IF … END IF} sent as a plain statement (MariaDB does, MySQL does not); learnt
     * once. It lets the writes held back carry their own row-count checks and so go with the {@code COMMIT}.
     */
    private volatile Boolean checksInStatements;

    /**
     * Combined statements by shape: a code path holds back the same writes every time (a bill's four), so their
     * renaming and joining is done once, not per transaction. Bounded, as batches of many sizes give many shapes.
     */
    private final Cache<Shape, Combined> combinedByShape =
            Caffeine.newBuilder().maximumSize(1_000).build();

    /**
     * The writes {@link #defer deferred} in the current MySQL or MariaDB transaction, not yet sent; absent outside one
     * (and on H2, where a deferred write runs at once).
     */
    private final ThreadLocal<Pending> deferred = new ThreadLocal<>();

    /**
     * A transaction's writes held back, and the failure of a send, once there was one: from then on every statement
     * of the transaction and its commit fail, whoever caught the first failure (a multi-statement call stops at the
     * failing statement and keeps those before it, so nothing may commit after it).
     */
    private static final class Pending {
        final List<Deferred> held = new ArrayList<>();
        DeferredWriteFailed failed;

        /** Whether {@code START TRANSACTION} has run: it waits for the transaction's first statement and goes with it. */
        boolean begun;

        /**
         * Whether {@code START TRANSACTION} has been sent, with or without a statement after it, successfully or not
         * (so always when {@link #begun}): when a statement sent with it fails, the server may have opened the
         * transaction (the failing statement is undone, the transaction stays open), so its end must be sent after all.
         */
        boolean beginSent;
    }

    private static final String BEGIN = "START TRANSACTION";
    private static final String COMMIT = "COMMIT AND NO CHAIN NO RELEASE";

    /** A write held back, with its parameters bound on a statement that is never executed itself. */
    private record Deferred(String what, String sql, Held bound, int expectedRows) {}

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** A statement's named parameters ({@code :name}), which a combined statement renames apart. */
    private static final Pattern NAMED_PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    public JdbiTransactor(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        try {
            try (Handle handle = jdbi.open()) {
                current.set(handle);
                return isMySqlFamily(handle) ? explicitly(handle, work) : handle.inTransaction(t -> work.get());
            } finally {
                current.remove();
                deferred.remove();
            }
        } finally {
            // After the connection went back to the pool: a callback that reads (a cache eviction looking up what
            // to evict) borrows one connection at a time, never a second while holding the first.
            List<Runnable> callbacks = List.copyOf(onCompletion.get());
            onCompletion.remove();
            complete(callbacks);
        }
    }

    /**
     * Runs every completion callback, whatever one of them throws: a failing callback must neither hide how the
     * transaction ended (its result, or the exception that rolled it back) nor keep the callbacks after it from running.
     * A failure is logged; the callbacks are cache evictions, whose entries still expire by their time to live.
     */
    private static void complete(List<Runnable> callbacks) {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.error("a callback after a transaction failed; the transaction's own outcome stands", e);
            }
        }
    }

    /**
     * MySQL and MariaDB: {@code START TRANSACTION} … {@code COMMIT} on the connection as the pool lends it (in
     * auto-commit), at most two round trips where switching auto-commit off and on around the transaction takes three. The
     * ends say {@code AND NO CHAIN NO RELEASE}, so a server's {@code completion_type} never opens the next transaction
     * or drops the connection. A connection whose {@code COMMIT} or {@code ROLLBACK} failed in any way may still hold an
     * open transaction, which the next borrower's {@code START TRANSACTION} would commit: it is closed for good and the
     * pool made to drop it.
     *
     * <p>Where the connections take several statements in one round trip, neither end is sent alone. {@code START
     * TRANSACTION} goes with the transaction's first statement (a {@link #query} or the writes {@link #defer held
     * back}); on MariaDB the {@code COMMIT} goes with the writes held back until then, in one block, each write whose
     * row count its SQL does not settle ({@link #insertsExactly}) followed by a check of it that fails the block on the
     * server, so the {@code COMMIT} after a wrong count never runs. A transaction
     * that reads first and ends with held-back writes thus costs no round trip of its own; one that sends no statement
     * sends nothing. A failure reported by that last call is, like a failed {@code COMMIT}, rolled back where the
     * {@code COMMIT} did not run.
     */
    private <T> T explicitly(Handle handle, Supplier<T> work) {
        Connection connection = handle.getConnection();
        Pending pending = null;
        if (allowsMultiStatements(connection)) {
            pending = new Pending();
            deferred.set(pending);
        } else {
            run(connection, BEGIN);
        }
        boolean committed = false;
        Throwable failure = null;
        try {
            T result = work.get();
            if (pending != null
                    && !pending.held.isEmpty()
                    && pending.failed == null
                    && checksInStatements(connection)) {
                flush(handle, Flush.WITH_COMMIT);
            } else {
                flush(handle, Flush.BEFORE_COMMIT);
                if (pending == null || pending.beginSent) {
                    run(connection, COMMIT);
                }
            }
            committed = true;
            return result;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (!committed && (pending == null || pending.beginSent)) {
                try {
                    run(connection, "ROLLBACK AND NO CHAIN NO RELEASE");
                } catch (Throwable rollbackFailed) {
                    discard(connection);
                    if (failure != null) {
                        failure.addSuppressed(rollbackFailed);
                    }
                    if (rollbackFailed instanceof Error error && failure == null) {
                        throw error;
                    }
                }
            }
        }
    }

    private static void run(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.transaction.TransactionException("failed to " + sql, e);
        }
    }

    /**
     * Closes the physical connection under the pool's proxy (the server rolls its transaction back), then uses the
     * proxy once more: the driver answers "connection closed" (SQLState 08003), on which the pool evicts it rather
     * than lend it again.
     */
    private static void discard(Connection connection) {
        try {
            connection.unwrap(Connection.class).close();
        } catch (SQLException | RuntimeException e) {
            // Closing failed: the probe below still tells the pool whether the connection is usable.
        }
        try (Statement probe = connection.createStatement()) {
            probe.execute("ROLLBACK");
        } catch (SQLException | RuntimeException expected) {
            // The pool has seen the broken connection.
        }
    }

    /** Whether the database is MySQL or MariaDB (else H2): for the statements only they understand. */
    boolean isMySqlFamily(Handle handle) {
        Boolean known = mySqlFamily;
        if (known == null) {
            try {
                String product = handle.getConnection().getMetaData().getDatabaseProductName();
                known = product.equalsIgnoreCase("MySQL") || product.equalsIgnoreCase("MariaDB");
            } catch (SQLException e) {
                known = false;
            }
            mySqlFamily = known;
        }
        return known;
    }

    /** REPEATABLE READ: InnoDB (and H2's MVCC) give every query of the transaction the same snapshot. */
    @Override
    public <T> T inSnapshot(Supplier<T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("a snapshot cannot join a transaction already running");
        }
        try (Handle handle = jdbi.open()) {
            current.set(handle);
            try {
                return handle.inTransaction(
                        org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ,
                        transaction -> work.get());
            } finally {
                current.remove();
                onCompletion.remove();
            }
        }
    }

    boolean isInTransaction() {
        return current.get() != null;
    }

    /** Runs {@code action} when the current transaction ends (after commit or rollback), or now outside one. */
    void afterCompletion(Runnable action) {
        if (current.get() == null) {
            action.run();
        } else {
            onCompletion.get().add(action);
        }
    }

    /**
     * Runs statements on the current transaction's handle, or else on a short-lived handle in auto-commit, so a store
     * method is one transaction or joins the caller's.
     */
    <T> T withHandle(Function<Handle, T> statements) {
        Handle bound = current.get();
        if (bound != null) {
            flush(bound);
            return statements.apply(bound);
        }
        return jdbi.withHandle(statements::apply);
    }

    /**
     * {@link #withHandle} for one query: {@code use} binds, runs and maps the query made of {@code sql}, once, and
     * does nothing else (no other store call, no second run, no lazy result left for later). As the first statement of
     * a transaction on MySQL or MariaDB it carries the transaction's {@code START TRANSACTION} (one round trip for
     * both), so a transaction that starts with a read, typically a locking one, pays nothing to begin.
     */
    <T> T query(String sql, Function<Query, T> use) {
        Pending pending = deferred.get();
        Handle bound = current.get();
        if (pending == null
                || bound == null
                || pending.beginSent
                || pending.failed != null
                || !pending.held.isEmpty()) {
            // Begun, or maybe begun by a call that failed: START TRANSACTION goes alone if it must go again.
            return withHandle(handle -> use.apply(handle.createQuery(sql)));
        }
        Query beginning = bound.createQuery(BEGIN + ";\n" + sql).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext context) {
                // Run a second time, or after another statement began the transaction, its START TRANSACTION would
                // commit what the transaction did so far.
                if (pending.beginSent) {
                    throw new IllegalStateException("a query that begins a transaction ran after its start: " + sql);
                }
                // From here the server may open the transaction, whatever becomes of the call and of its failure.
                pending.beginSent = true;
            }

            @Override
            public void afterExecution(PreparedStatement statement, StatementContext context) throws SQLException {
                // The first answer is START TRANSACTION's; the query's own comes next.
                pending.begun = true;
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("a query answered no rows after START TRANSACTION: " + sql);
                }
            }
        });
        return use.apply(beginning);
    }

    /**
     * A write whose outcome the caller does not wait for: in a MySQL or MariaDB transaction it is held back and sent
     * together with the other writes held back, in one round trip, before the transaction's next statement or with its
     * commit; elsewhere it runs now. Either way, if it does not change {@code expectedRows} rows, or fails, the
     * transaction fails and rolls back; the caller just learns it later. For writes that cannot fail but through a
     * bug: inserts of new ids, updates of rows the transaction holds locked.
     *
     * @param binds binds the statement's named parameters, as for running it
     */
    void defer(String what, String sql, UnaryOperator<Update> binds, int expectedRows) {
        Pending pending = deferred.get();
        Handle bound = current.get();
        if (pending == null || bound == null || !renamable(sql)) {
            int rows =
                    withHandle(handle -> binds.apply(handle.createUpdate(sql)).execute());
            requireRows(what, rows, expectedRows);
            return;
        }
        Held statement = new Held(bound, sql);
        if (binds.apply(statement) != statement) {
            throw new IllegalArgumentException("binds must bind on the statement it is given");
        }
        pending.held.add(new Deferred(what, sql, statement, expectedRows));
    }

    /** Whether renaming {@code :name}s cannot touch anything but parameters: no quotes, comments or separators. */
    private static boolean renamable(String sql) {
        return sql.indexOf('\'') < 0
                && sql.indexOf('"') < 0
                && sql.indexOf('`') < 0
                && sql.indexOf(';') < 0
                && sql.indexOf('#') < 0
                && !sql.contains("--")
                && !sql.contains("/*");
    }

    /**
     * Sends the writes held back, after {@code START TRANSACTION} when the transaction has not begun and before the
     * {@code COMMIT} when it goes with them: one write alone, neither end with it, as it is; otherwise one
     * multi-statement round trip, each statement's parameters renamed apart ({@code :id} of the
     * second becomes {@code :d1_id}) and bound with the arguments it was given. Each statement's row count is checked:
     * here, from the call's counts; in the block that goes with the commit, by the server ({@link #combine}).
     */
    private void flush(Handle handle) {
        flush(handle, Flush.BEFORE_STATEMENT);
    }

    /** Why the writes held back are sent. */
    private enum Flush {
        /** A statement follows, which needs them, and the transaction begun. */
        BEFORE_STATEMENT,
        /** The commit follows: the transaction is begun only if there are writes to send. */
        BEFORE_COMMIT,
        /** The commit goes with them, after the checks of their row counts, in the same round trip. */
        WITH_COMMIT
    }

    private void flush(Handle handle, Flush why) {
        Pending pending = deferred.get();
        if (pending == null) {
            return;
        }
        if (pending.failed != null) {
            throw new DeferredWriteFailed("sent earlier in this transaction", pending.failed);
        }
        if (pending.held.isEmpty()) {
            if (why == Flush.BEFORE_STATEMENT && !pending.begun) {
                pending.beginSent = true;
                run(handle.getConnection(), BEGIN);
                pending.begun = true;
            }
            return;
        }
        List<Deferred> batch = List.copyOf(pending.held);
        pending.held.clear();
        boolean begin = !pending.begun;
        pending.beginSent |= begin;
        try {
            send(handle, batch, begin, why == Flush.WITH_COMMIT);
            pending.begun = true;
        } catch (RuntimeException e) {
            // Not the JDBI exception itself: a store that catches its own statement's failure (a duplicate key taken
            // as "already claimed") must never take this one, which belongs to writes made before its statement.
            pending.failed = new DeferredWriteFailed(
                    batch.stream().map(Deferred::what).collect(java.util.stream.Collectors.joining(", ")), e);
            throw pending.failed;
        } finally {
            batch.forEach(d -> d.bound().close());
        }
    }

    /** A deferred write failed when it was sent; the transaction it belongs to rolls back. */
    static final class DeferredWriteFailed extends IllegalStateException {
        DeferredWriteFailed(String writes, Throwable cause) {
            super("writes held back for this transaction failed (" + writes + ")", cause);
        }
    }

    private void send(Handle handle, List<Deferred> batch, boolean begin, boolean commit) {
        if (batch.size() == 1 && !begin && !commit) {
            requireRows(
                    batch.getFirst().what(),
                    batch.getFirst().bound().execute(),
                    batch.getFirst().expectedRows());
            return;
        }
        Combined sql = combinedByShape.get(Shape.of(batch, begin, commit), JdbiTransactor::combine);
        try (Held combined = new Held(handle, sql.text())) {
            for (int i = 0; i < batch.size(); i++) {
                combined.bindAll("d" + i + "_", batch.get(i).bound());
            }
            List<Integer> counts = combined.execute((statement, context) -> updateCounts(statement.get()));
            try {
                if (counts.size() != sql.statements()) {
                    throw new IllegalStateException("a combined write answered " + counts.size() + " counts for "
                            + sql.statements() + " statements");
                }
                for (int i = 0; i < sql.writeAt().size(); i++) {
                    requireRows(
                            batch.get(i).what(),
                            counts.get(sql.writeAt().get(i)),
                            batch.get(i).expectedRows());
                }
            } catch (IllegalStateException e) {
                if (!commit) {
                    throw e;
                }
                // The server checked every count before its COMMIT ran, and it ran: the transaction is committed, and
                // reporting a failure would have the caller retry what is done. Only a bug here can get this far.
                LOG.error("a transaction committed, but its answer did not read as expected: {}", e.getMessage());
            }
        }
    }

    /** The writes of a combined statement, in order, with their promised row counts, and whether its ends go too. */
    private record Shape(List<String> sql, List<Integer> expectedRows, boolean begin, boolean commit) {
        static Shape of(List<Deferred> batch, boolean begin, boolean commit) {
            return new Shape(
                    batch.stream().map(Deferred::sql).toList(),
                    batch.stream().map(Deferred::expectedRows).toList(),
                    begin,
                    commit);
        }
    }

    /**
     * A combined statement's text, how many statements the server answers for it, and where each write's count comes
     * among them; none when the writes go in one block with the {@code COMMIT}, whose counts the server checked (or the
     * SQL settles: {@link #insertsExactly}).
     */
    private record Combined(String text, int statements, List<Integer> writeAt) {}

    /**
     * With the commit, one MariaDB block ({@code BEGIN NOT ATOMIC … END}): the server answers a multi-statement call
     * statement by statement, a packet and a socket write each, where a block is one statement and one answer. Each
     * write is followed by the check of its row count (but a plain {@code INSERT}'s, which {@link #insertsExactly}
     * vouches for), so the {@code COMMIT} at its end runs only if every write did what it promised; a failing write or
     * check ends the block there, with the transaction still open for the rollback. Without the commit, a
     * multi-statement call whose counts are checked here.
     */
    private static Combined combine(Shape shape) {
        List<String> statements = new ArrayList<>();
        List<Integer> writeAt = new ArrayList<>();
        if (shape.begin()) {
            statements.add(BEGIN);
        }
        for (int i = 0; i < shape.sql().size(); i++) {
            writeAt.add(statements.size());
            statements.add(withPrefix(shape.sql().get(i), "d" + i + "_"));
            if (shape.commit()
                    && !insertsExactly(shape.sql().get(i), shape.expectedRows().get(i))) {
                statements.add(rowCountCheck(i, shape.expectedRows().get(i)));
            }
        }
        if (!shape.commit()) {
            return new Combined(String.join(";\n", statements), statements.size(), List.copyOf(writeAt));
        }
        statements.add(COMMIT);
        return new Combined(block(statements), 1, List.of());
    }

    /** A MariaDB anonymous block of {@code statements}: they run as one statement, answered once. */
    private static String block(List<String> statements) {
        return "BEGIN NOT ATOMIC\n" + String.join(";\n", statements) + ";\nEND";
    }

    /**
     * {@code sql} with each named parameter {@code :name} renamed {@code :<prefix>name}, so that several statements'
     * parameters can be bound apart in one text; only for statements {@link #renamable} lets through.
     */
    static String withPrefix(String sql, String prefix) {
        return NAMED_PARAMETER.matcher(sql).replaceAll(":" + prefix + "$1");
    }

    /**
     * Fails the block on the server when the write just before it changed another number of rows than promised, so
     * the {@code COMMIT} at the block's end never runs (the block stops at the first failing statement). The count is
     * the driver's: rows found, not only rows changed, as the driver's own update counts.
     */
    private static String rowCountCheck(int write, int expectedRows) {
        return failIf("ROW_COUNT() != " + expectedRows, "write " + write + " held back changed another number of rows");
    }

    /**
     * Whether {@code sql} is a plain {@code INSERT … VALUES} of exactly {@code rows} rows: such a statement inserts every
     * row it lists or fails (InnoDB: a value a column cannot take fails it in strict mode, or is adjusted with a
     * warning, the row still inserted; a trigger can only fail it), so its count needs no check in the block that goes
     * with the commit, and gets none (each check was one more statement for MariaDB to run). {@code IGNORE}, {@code
     * ON DUPLICATE KEY UPDATE}, {@code INSERT … SELECT}, {@code INSERT … SET} and {@code REPLACE} can change other
     * numbers of rows, or are not recognised, and keep their check.
     * Only for statements {@link #renamable} lets through: no quotes or comments, so every parenthesis is SQL's.
     */
    static boolean insertsExactly(String sql, int rows) {
        String upper = WHITESPACE.matcher(sql.strip()).replaceAll(" ").toUpperCase(Locale.ROOT);
        if (!upper.startsWith("INSERT INTO ")
                || upper.contains("IGNORE")
                || upper.contains("DUPLICATE")
                || upper.contains("SELECT")) {
            return false;
        }
        int values = upper.indexOf(" VALUES");
        if (values < 0 || upper.indexOf(" VALUES", values + 1) >= 0) {
            return false;
        }
        int depth = 0;
        int tuples = 0;
        for (int i = values + " VALUES".length(); i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '(') {
                tuples += depth == 0 ? 1 : 0;
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && c != ',' && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return depth == 0 && tuples == rows;
    }

    private static String failIf(String condition, String message) {
        return "IF " + condition + " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" + message + "'; END IF";
    }

    private static List<Integer> updateCounts(Statement statement) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        counts.add(statement.getUpdateCount());
        while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
            counts.add(statement.getUpdateCount());
        }
        return counts;
    }

    private static void requireRows(String what, int rows, int expected) {
        if (rows != expected) {
            throw new IllegalStateException(what + " changed " + rows + " rows where " + expected + " were expected");
        }
    }

    /**
     * An update whose bindings can be read (JDBI keeps them protected): a deferred write is bound on one and never
     * executed itself; the combined statement takes their arguments under new names.
     */
    private static final class Held extends Update {
        Held(Handle handle, String sql) {
            super(handle, sql);
        }

        void bindAll(String prefix, Held from) {
            Binding source = from.getBinding();
            for (String name : source.getNames()) {
                getBinding()
                        .addNamed(
                                prefix + name,
                                source.findForName(name, from.getContext())
                                        .orElseThrow(() -> new IllegalStateException("no argument for " + name)));
            }
        }
    }

    /**
     * Whether the server runs the block {@link #combine} sends with the commit, {@link #rowCountCheck}s in it: asked
     * once, with a block of that form whose check never fails.
     */
    private boolean checksInStatements(Connection connection) {
        Boolean known = checksInStatements;
        if (known == null) {
            try (Statement probe = connection.createStatement()) {
                // As it is sent: one block between statements, answered once, or the counts would shift.
                probe.execute("DO 0;\n" + block(List.of("DO 0", failIf("1 = 0", "never"))) + ";\nDO 0");
                known = updateCounts(probe).size() == 3;
            } catch (SQLException e) {
                // A syntax error (42000): a server without compound statements outside stored programs. Anything else
                // says nothing: ask again next time, and send the commit alone now.
                if (!"42000".equals(e.getSQLState())) {
                    return false;
                }
                known = false;
            }
            checksInStatements = known;
        }
        return known;
    }

    /**
     * Whether the server takes several statements in one round trip on these connections: asked once, by sending two
     * statements that do nothing ({@code DO 0; DO 0}); a URL that turns {@code allowMultiQueries} off makes every
     * deferred write run at once.
     */
    private boolean allowsMultiStatements(Connection connection) {
        Boolean known = multiStatements;
        if (known == null) {
            try (Statement probe = connection.createStatement()) {
                probe.execute("DO 0; DO 0");
                known = true;
            } catch (SQLException e) {
                // A syntax error (42000) is the server refusing the second statement: the URL turned the option off.
                // Anything else (a connection lost) says nothing: ask again next time, and hold nothing back now.
                if (!"42000".equals(e.getSQLState())) {
                    return false;
                }
                known = false;
            }
            multiStatements = known;
        }
        return known;
    }
}
