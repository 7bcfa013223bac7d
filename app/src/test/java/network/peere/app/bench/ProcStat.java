package network.peere.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One line of Linux's {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}: the name of the process or
 * thread and the CPU it has used, as the benchmarks' CPU figures read them.
 */
record ProcStat(String name, long cpuTicks) {
    /** {@code USER_HZ}: the unit of the CPU times in {@code /proc}, 100 on every Linux the JVM runs on. */
    static final double TICKS_PER_SECOND = 100;

    /**
     * The {@code stat} file of a process or thread directory. The name is in parentheses and may hold spaces, so the
     * fields are counted from the last {@code )}: user and system time are the 14th and 15th of the line.
     *
     * @throws IOException when it cannot be read (the thread or process has ended)
     */
    static ProcStat of(Path directory) throws IOException {
        String stat = Files.readString(directory.resolve("stat"));
        int nameEnd = stat.lastIndexOf(')');
        String[] fields = stat.substring(nameEnd + 2).split(" ");
        return new ProcStat(
                stat.substring(stat.indexOf('(') + 1, nameEnd),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
}
