package uz.eimzo.ca.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Where the CPU went, from Linux's /proc (clock ticks of 10 ms), and what the database wrote, per phase. */
final class CpuAccounting {

    private final Cluster cluster;

    CpuAccounting(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Reads the counters at the start or the end of {@code p}. */
    void sample(Phase p, boolean start) {
        Map<String, Long> perOwner = new LinkedHashMap<>();
        cluster.processes().forEach((name, process) -> perOwner.put(name, process.isAlive() ? ticks(process.pid()) : 0L));
        Map<Long, Long> backends = postgresTicks();
        if (start) {
            p.postgresStart = backends;
            perOwner.put("postgres", 0L);
        } else {
            // Per process, so that backends which exited (the killed node's connections) do not make it negative.
            long used = 0;
            for (var e : backends.entrySet()) {
                used += e.getValue() - p.postgresStart.getOrDefault(e.getKey(), 0L);
            }
            perOwner.put("postgres", used);
        }
        perOwner.put("load driver", ticks(ProcessHandle.current().pid()));
        long[] machine = machineTicks();
        long[] database = walAndAudit();
        if (start) {
            p.walStart = database[0];
            p.auditStart = database[1];
            p.cpuStart = perOwner;
            p.machineStart = machine;
        } else {
            p.walEnd = database[0];
            p.auditEnd = database[1];
            // A process killed during the phase has no end reading: count it as its start (no CPU known after).
            perOwner.replaceAll((name, ticks) -> ticks == 0L ? p.cpuStart.getOrDefault(name, 0L) : ticks);
            p.cpuEnd = perOwner;
            p.machineEnd = machine;
        }
    }

    /** utime + stime of one process (all its threads). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Bytes of WAL written so far, and audit rows. */
    private long[] walAndAudit() {
        try (Connection c = cluster.database();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, "
                     + "(select count(*) from audit_event)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU ticks of every process named postgres (the server and its backends), by pid. */
    private static Map<Long, Long> postgresTicks() {
        Map<Long, Long> total = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        long pid = Long.parseLong(dir.getFileName().toString());
                        total.put(pid, ticks(pid));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    /** Busy and total ticks of the whole machine, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }

    /** The machine in one line: cores, CPU model, memory, OS and Java. */
    static String machine() {
        String cpu = "unknown CPU";
        String memory = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse(memory);
        } catch (IOException | RuntimeException ignored) {
            // reported as unknown
        }
        return String.format(Locale.ROOT, "nproc %d, %s, RAM %s, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
                cpu, memory, System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
