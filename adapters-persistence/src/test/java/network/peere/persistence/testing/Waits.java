package network.peere.persistence.testing;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on work another thread does, in lock tests. */
public final class Waits {
    /** How long work that does not wait for a lock may take to end. */
    private static final long MOMENT_MS = 300;

    private Waits() {}

    /** Whether the work ends within a moment: false when it is (still) waiting, e.g. for a row lock. */
    public static boolean endsBriefly(Future<?> work) {
        try {
            work.get(MOMENT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
