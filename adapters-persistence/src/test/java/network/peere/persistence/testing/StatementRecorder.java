package network.peere.persistence.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link DataSource} in front of another whose connections record every SQL statement they prepare or execute, from
 * any thread, and can run a hook just before each one: to show what a code path sends to the database (that a lookup
 * writes nothing), or to act at the moment a given statement is about to run (a race made deterministic).
 */
public final class StatementRecorder {
    /** Statements that change rows or the schema; {@code START TRANSACTION}, {@code COMMIT} and reads are not. */
    private static final Set<String> WRITING_VERBS =
            Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "UPSERT", "TRUNCATE", "CREATE", "DROP", "ALTER");

    /** Reads that take row locks. */
    private static final Pattern LOCKING_READ =
            Pattern.compile("\\bFOR\\s+(UPDATE|SHARE)\\b|\\bLOCK\\s+IN\\s+SHARE\\s+MODE\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern LEADING_NOISE =
            Pattern.compile("^(\\s|\\(|/\\*.*?\\*/|--[^\\n]*\\n)+", Pattern.DOTALL);

    private final DataSource delegate;
    private final DataSource recording;
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> beforeEach = sql -> {};

    public StatementRecorder(DataSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.recording = proxy(DataSource.class, this.delegate, this::connectionsRecorded);
    }

    /** The data source to hand to the code under test. */
    public DataSource dataSource() {
        return recording;
    }

    /** Every statement since the last {@link #clear()}, in order. */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    /** The statements that insert, update or delete rows, or change the schema. */
    public List<String> writes() {
        return statements.stream().filter(StatementRecorder::isWrite).toList();
    }

    /** The reads that lock rows ({@code SELECT … FOR UPDATE} and the like). */
    public List<String> lockingReads() {
        return statements.stream()
                .filter(sql -> !isWrite(sql) && LOCKING_READ.matcher(sql).find())
                .toList();
    }

    public void clear() {
        statements.clear();
    }

    /** Runs {@code hook} with each statement's SQL on the calling thread, before the statement is sent. */
    public void beforeEach(Consumer<String> hook) {
        this.beforeEach = Objects.requireNonNull(hook, "hook");
    }

    public static boolean isWrite(String sql) {
        String statement = LEADING_NOISE.matcher(sql).replaceFirst("");
        int end = 0;
        while (end < statement.length() && Character.isLetter(statement.charAt(end))) {
            end++;
        }
        return WRITING_VERBS.contains(statement.substring(0, end).toUpperCase(Locale.ROOT));
    }

    private void record(String sql) {
        beforeEach.accept(sql);
        statements.add(sql);
    }

    private Object connectionsRecorded(Method method, Object result) {
        return result instanceof Connection connection
                ? proxy(Connection.class, connection, this::statementsRecorded)
                : result;
    }

    /** Prepared statements are recorded when prepared (JDBI executes them at once); plain ones when executed. */
    private Object statementsRecorded(Method method, Object result) {
        return result instanceof Statement statement && method.getName().equals("createStatement")
                ? proxy(Statement.class, statement, (m, r) -> r)
                : result;
    }

    /** {@code wrap} sees each call's result; any call whose first argument is SQL is recorded before it is made. */
    private <T> T proxy(Class<T> type, T target, Wrapper wrap) {
        InvocationHandler handler = (self, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String sql && takesSql(method)) {
                record(sql);
            }
            try {
                return wrap.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static boolean takesSql(Method method) {
        String name = method.getName();
        return name.startsWith("prepare") || name.startsWith("execute") || name.equals("addBatch");
    }

    @FunctionalInterface
    private interface Wrapper {
        Object apply(Method method, Object result);
    }
}
