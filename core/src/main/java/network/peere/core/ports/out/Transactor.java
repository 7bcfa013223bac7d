package network.peere.core.ports.out;

import java.util.function.Supplier;

/**
 * One transaction across several stores. Work inside runs on the calling thread; a nested call joins the outer
 * transaction; an exception rolls everything back. Named as JDBI names its own: {@code inTransaction} returns a value,
 * {@code useTransaction} does not.
 */
public interface Transactor {
    <T> T inTransaction(Supplier<T> work);

    default void useTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
