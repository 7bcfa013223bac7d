package network.peere.app.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

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

    /**
     * The compiler's share of one core from {@link #start} until {@link #compiling} is asked: the CPU time of the JIT's
     * compiler threads, read from {@code /proc/self/task/<tid>/stat} (Linux; the JVM does not expose them as Java
     * threads). Where that cannot be read, the JVM's total compilation time stands in: wall time summed over compiler
     * threads and counted when a compilation ends, so it overstates the CPU when the threads wait for a core.
     */
    record Share(long compilerTicks, long compileMillis, long nanos) {
        static Share start() {
            return new Share(readCompilerTicks(), COMPILER.getTotalCompilationTime(), System.nanoTime());
        }

        double compiling() {
            double wallSeconds = (System.nanoTime() - nanos) / 1e9;
            long ticks = readCompilerTicks();
            if (ticks >= 0 && compilerTicks >= 0) {
                // A compiler thread that ended took its time with it: never below zero.
                return Math.max(0, ticks - compilerTicks) / ProcStat.TICKS_PER_SECOND / wallSeconds;
            }
            return (COMPILER.getTotalCompilationTime() - compileMillis) / 1e3 / wallSeconds;
        }

        /** User and system CPU ticks of the threads named {@code C1/C2 CompilerThread…}; -1 where unreadable. */
        private static long readCompilerTicks() {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                long ticks = 0;
                for (Path task : tasks.toList()) {
                    ProcStat stat;
                    try {
                        stat = ProcStat.of(task);
                    } catch (IOException ended) {
                        continue;
                    }
                    if (stat.name().startsWith("C1 Compiler") || stat.name().startsWith("C2 Compiler")) {
                        ticks += stat.cpuTicks();
                    }
                }
                return ticks;
            } catch (IOException | RuntimeException unreadable) {
                return -1;
            }
        }
    }
}
