package network.peere.persistence.jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import network.peere.core.ports.out.Transactor;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions over one JDBI handle bound to the calling thread: stores called inside {@code inTransaction} use that
 * handle, so their statements commit or roll back together; a nested call joins the outer transaction. There are no
 * savepoints: only an exception escaping the outermost call rolls back, and then it rolls back everything.
 */
public final class JdbiTransactor implements Transactor {
    private final Jdbi jdbi;

    /** Per instance, not static, so two databases open in one JVM (tests, the CLI) never share a handle. */
    private final ThreadLocal<Handle> current = new ThreadLocal<>();

    /** What runs when the outermost transaction ends, committed or not (e.g. cache evictions). */
    private final ThreadLocal<List<Runnable>> onCompletion = ThreadLocal.withInitial(ArrayList::new);

    public JdbiTransactor(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        try (Handle handle = jdbi.open()) {
            current.set(handle);
            try {
                return handle.inTransaction(transaction -> work.get());
            } finally {
                current.remove();
                List<Runnable> callbacks = List.copyOf(onCompletion.get());
                onCompletion.remove();
                callbacks.forEach(Runnable::run);
            }
        }
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
            return statements.apply(bound);
        }
        return jdbi.withHandle(statements::apply);
    }
}
