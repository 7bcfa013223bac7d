package network.peere.app.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Warms a workload up until the JIT has done its work, not for a fixed time. On two cores the compiler threads take a
 * large share of the CPU for tens of seconds after a path first runs (Jetty, Jackson, JDBI and the driver are a lot of
 * code): a fixed three-second warm-up measured the compiler as much as Peere. Rounds run until the compiler used at most
 * {@link #QUIET} of one core during the last round, or until {@link #LONGEST}.
 */
final class JitWarmUp {
    static final Duration ROUND = Duration.ofSeconds(2);
    static final Duration LONGEST = Duration.ofSeconds(Integer.getInteger("peere.bench.warmupSeconds", 60));
    static final double QUIET = 0.10;

    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    /** One round of the workload, of about the given length. */
    @FunctionalInterface
    interface Round {
        void run(Duration length) throws Exception;
    }

    /** How long the warm-up ran, and the compiler's share of one core in its last round. */
    record Done(Duration took, double lastRoundCompiling) {
        @Override
        public String toString() {
            return String.format(
                    "warm-up %d s, JIT %.0f%% of a core in its last 2 s", took.toSeconds(), 100 * lastRoundCompiling);
        }
    }

    private JitWarmUp() {}

    static Done run(Round round) throws Exception {
        long start = System.nanoTime();
        double compiling;
        do {
            Share share = Share.start();
            round.run(ROUND);
            compiling = share.compiling();
        } while (compiling > QUIET && System.nanoTime() - start < LONGEST.toNanos());
        return new Done(Duration.ofNanos(System.nanoTime() - start), compiling);
    }

    /** The compiler's share of one core from {@link #start} until {@link #compiling} is asked. */
    record Share(long compileMillis, long nanos) {
        static Share start() {
            return new Share(COMPILER.getTotalCompilationTime(), System.nanoTime());
        }

        double compiling() {
            double wallMillis = (System.nanoTime() - nanos) / 1e6;
            return (COMPILER.getTotalCompilationTime() - compileMillis) / wallMillis;
        }
    }
}
