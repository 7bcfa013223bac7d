package network.peere.persistence.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.ports.out.Transactor;

/**
 * Transactions for the in-memory stores: one lock serialises them (and every store call, which runs as a transaction
 * of its own or joins the caller's), and an undo log the stores write to rolls back when an exception escapes the
 * outermost call. As with the JDBI transactor, a nested call joins, and there are no savepoints.
 */
public final class InMemoryTransactor implements Transactor {
    private final ReentrantLock lock = new ReentrantLock();

    /** Newest first; only the thread holding {@link #lock} touches it. */
    private final Deque<Runnable> undoLog = new ArrayDeque<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        boolean outermost = lock.getHoldCount() == 1;
        try {
            T result = work.get();
            if (outermost) {
                undoLog.clear();
            }
            return result;
        } catch (Throwable failure) {
            if (outermost) {
                rollBack();
            }
            throw failure;
        } finally {
            lock.unlock();
        }
    }

    /** Called by a store after each change, with what restores the state before it. */
    void onRollback(Runnable undo) {
        Invariants.check(lock.isHeldByCurrentThread(), "stores change state only inside a transaction");
        undoLog.push(undo);
    }

    private void rollBack() {
        while (!undoLog.isEmpty()) {
            undoLog.pop().run();
        }
    }
}
