package network.peere.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU a stretch of a benchmark cost, split between this JVM (server, client and all) and the MariaDB server on the
 * same machine, so a run can say what one operation costs each side: far steadier than a rate on a shared machine,
 * since another build's load takes time from a run but adds no CPU to it. The database's share is read from
 * {@code /proc/<pid>/stat} of the local {@code mariadbd} (or {@code mysqld}); where there is none, only the JVM's is
 * given.
 */
record CpuMeter(long jvmNanos, long databaseTicks) {
    /** No CPU: what {@link #plus} starts from. */
    static final CpuMeter NONE = new CpuMeter(0, 0);

    private static final Optional<Path> DATABASE = findDatabase();

    /** The CPU used so far (both counters only ever grow): a reading to subtract from a later one. */
    static CpuMeter now() {
        return new CpuMeter(jvmCpuNanos(), readDatabaseTicks());
    }

    /** The CPU used between an earlier reading and now. */
    static CpuMeter since(CpuMeter earlier) {
        CpuMeter now = now();
        return new CpuMeter(
                now.jvmNanos - earlier.jvmNanos,
                now.databaseTicks < 0 || earlier.databaseTicks < 0 ? -1 : now.databaseTicks - earlier.databaseTicks);
    }

    /** Two amounts of CPU (from {@link #since}) added up. */
    CpuMeter plus(CpuMeter other) {
        return new CpuMeter(
                jvmNanos + other.jvmNanos,
                databaseTicks < 0 || other.databaseTicks < 0 ? -1 : databaseTicks + other.databaseTicks);
    }

    /** This amount of CPU (from {@link #since}) per operation, for {@code operations} done with it. */
    Cost per(long operations) {
        return new Cost(
                jvmNanos / 1e3 / operations,
                databaseTicks < 0 ? Double.NaN : databaseTicks / ProcStat.TICKS_PER_SECOND * 1e6 / operations);
    }

    /** CPU per operation in microseconds; {@code database} is NaN where no local database could be read. */
    record Cost(double jvm, double database) {
        /**
         * How many operations a second this machine's cores would allow at this CPU per operation, every core busy:
         * the rate this was measured at divided by {@link #busy}. NaN where the database's CPU is unknown (a remote
         * database), since then only part of the cost is known.
         */
        double ceiling() {
            return Runtime.getRuntime().availableProcessors() * 1e6 / (jvm + database);
        }

        /**
         * The share of the machine's cores (0–1) that {@code rate} operations a second used at this CPU per operation,
         * the JVM's (load generator included) and the database's together: near 1, the run was held back by CPU rather
         * than by waiting.
         */
        double busy(double rate) {
            return rate / ceiling();
        }

        @Override
        public String toString() {
            return Double.isNaN(database)
                    ? String.format("CPU: JVM %,.0f µs", jvm)
                    : String.format("CPU: JVM %,.0f µs, MariaDB %,.0f µs", jvm, database);
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User and system ticks of the database process, its threads included; -1 where unreadable. */
    private static long readDatabaseTicks() {
        if (DATABASE.isEmpty()) {
            return -1;
        }
        try {
            return ProcStat.of(DATABASE.get()).cpuTicks();
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    private static Optional<Path> findDatabase() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(process -> process.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(process -> {
                        try {
                            String name = ProcStat.of(process).name();
                            return name.equals("mariadbd") || name.equals("mysqld");
                        } catch (IOException | RuntimeException ended) {
                            return false;
                        }
                    })
                    .findFirst();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
