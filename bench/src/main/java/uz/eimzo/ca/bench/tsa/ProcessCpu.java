package uz.eimzo.ca.bench.tsa;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a pass's CPU went, from Linux's /proc (clock ticks of 10 ms): the TSA process, this JVM (the load driver), the
 * PostgreSQL server (found as the parent of a backend) and the whole machine, so that what other work on a shared
 * machine took is visible beside the figures.
 */
final class ProcessCpu {

    /** CPU milliseconds of each owner over one pass. */
    record Used(long tsa, long driver, long postgres, long machineBusy, long machineTotal) {

        /** What neither the TSA, the driver nor PostgreSQL used: other work on the machine. */
        long others() {
            return Math.max(0, machineBusy - tsa - driver - postgres);
        }
    }

    private final long tsaPid;
    private final long postmasterPid;
    private long tsaStart;
    private long driverStart;
    private Map<Long, Long> postgresStart;
    private long[] machineStart;

    private ProcessCpu(long tsaPid, long postmasterPid) {
        this.tsaPid = tsaPid;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Starts counting now.
     *
     * @param database a connection to the PostgreSQL server the TSA writes to: its backend's parent is the server
     */
    static ProcessCpu start(Process tsa, DataSource database) throws SQLException {
        long postmaster;
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            postmaster = parent(rs.getLong(1));
        }
        ProcessCpu cpu = new ProcessCpu(tsa.pid(), postmaster);
        cpu.tsaStart = ticks(cpu.tsaPid);
        cpu.driverStart = ticks(ProcessHandle.current().pid());
        cpu.postgresStart = cpu.postgres();
        cpu.machineStart = machine();
        return cpu;
    }

    /** What each used since {@link #start}. */
    Used stop() {
        long tsa = ticks(tsaPid) - tsaStart;
        long driver = ticks(ProcessHandle.current().pid()) - driverStart;
        long postgres = 0;
        for (var backend : postgres().entrySet()) {
            // Per process: a backend that started during the pass counts from zero.
            postgres += backend.getValue() - postgresStart.getOrDefault(backend.getKey(), 0L);
        }
        long[] machine = machine();
        return new Used(tsa * 10, driver * 10, postgres * 10, (machine[0] - machineStart[0]) * 10,
                (machine[1] - machineStart[1]) * 10);
    }

    /** The server and its children (backends, writers), which pg_ctl detached from this JVM. */
    private Map<Long, Long> postgres() {
        Map<Long, Long> ticks = new HashMap<>();
        ticks.put(postmasterPid, ticks(postmasterPid));
        ProcessHandle.of(postmasterPid).ifPresent(server -> server.descendants()
                .forEach(p -> ticks.put(p.pid(), ticks(p.pid()))));
        return ticks;
    }

    private static long parent(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime + stime of one process (all its threads). */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** Busy and total ticks of all CPUs (the first line of /proc/stat; idle and iowait are not busy). */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
