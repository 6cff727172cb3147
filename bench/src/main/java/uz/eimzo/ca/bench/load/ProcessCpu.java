package uz.eimzo.ca.bench.load;

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
 * Where a pass's CPU went, from Linux's /proc (clock ticks of 10 ms): the server under load (the TSA, the OCSP
 * responder), this JVM (the load driver), the PostgreSQL server (found as the parent of a backend) and the whole
 * machine, so that what other work on a shared machine took is visible beside the figures.
 */
public final class ProcessCpu {

    /** Linux's clock tick ({@code USER_HZ} = 100). */
    static final long MILLIS_PER_TICK = 10;

    /** CPU milliseconds of each owner over one pass. */
    public record Used(long server, long driver, long postgres, long machineBusy, long machineTotal) {

        /** What neither the server, the driver nor PostgreSQL used: other work on the machine. */
        public long others() {
            return Math.max(0, machineBusy - server - driver - postgres);
        }
    }

    private final long serverPid;
    private final long postmasterPid;
    private long serverStart;
    private long driverStart;
    private Map<Long, Long> postgresStart;
    private long[] machineStart;

    private ProcessCpu(long serverPid, long postmasterPid) {
        this.serverPid = serverPid;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Starts counting now.
     *
     * @param database a connection to the PostgreSQL server the server under load uses: its backend's parent is it
     */
    public static ProcessCpu start(Process server, DataSource database) throws SQLException {
        long postmaster;
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            postmaster = parent(rs.getLong(1));
        }
        ProcessCpu cpu = new ProcessCpu(server.pid(), postmaster);
        cpu.serverStart = ticks(cpu.serverPid);
        cpu.driverStart = ticks(ProcessHandle.current().pid());
        cpu.postgresStart = cpu.postgres();
        cpu.machineStart = machine();
        return cpu;
    }

    /** What each used since {@link #start}. */
    public Used stop() {
        long server = ticks(serverPid) - serverStart;
        long driver = ticks(ProcessHandle.current().pid()) - driverStart;
        long postgres = 0;
        for (var backend : postgres().entrySet()) {
            // Per process: a backend that started during the pass counts from zero.
            postgres += backend.getValue() - postgresStart.getOrDefault(backend.getKey(), 0L);
        }
        long[] machine = machine();
        return new Used(server * MILLIS_PER_TICK, driver * MILLIS_PER_TICK, postgres * MILLIS_PER_TICK,
                (machine[0] - machineStart[0]) * MILLIS_PER_TICK, (machine[1] - machineStart[1]) * MILLIS_PER_TICK);
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
