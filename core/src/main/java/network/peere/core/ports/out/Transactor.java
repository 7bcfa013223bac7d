package network.peere.core.ports.out;

import java.util.function.Supplier;

/**
 * One transaction across several stores. Work inside runs on the calling thread; a nested call joins the outer
 * transaction; an exception rolls everything back. Named as JDBI names its own: {@code inTransaction} returns a value,
 * {@code useTransaction} does not.
 */
public interface Transactor {
    <T> T inTransaction(Supplier<T> work);

    /**
     * A read-only unit of work that must see one consistent state across several queries (reconciliation): one
     * snapshot of the database for all of them, where the default transaction lets each statement see the latest
     * commit. Implementations without snapshots may run it as an ordinary transaction if theirs are serialised.
     */
    default <T> T inSnapshot(Supplier<T> work) {
        return inTransaction(work);
    }

    default void useTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
