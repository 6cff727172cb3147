package uz.eimzo.ca.bench;

import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU per certificate, split between this JVM's issuing thread and the (embedded) PostgreSQL server's processes: a
 * measure that a busy shared machine disturbs far less than throughput. Linux only (reads /proc).
 * Run: {@code java -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.IssuanceCost EC_P256 3000}.
 */
public final class IssuanceCost {

    private IssuanceCost() {
    }

    public static void main(String[] args) throws Exception {
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(args.length > 0 ? args[0] : "EC_P256");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        try (BenchCa ca = BenchCa.create(algorithm)) {
            SecureRandom random = new SecureRandom();
            List<byte[]> requests = new ArrayList<>();
            for (int i = 0; i < 2 * count; i++) {
                requests.add(BenchCa.newCsr(random));
            }
            var subject = BenchCa.individual();
            var threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < count; i++) { // warm-up
                ca.services.issuer().issueFromCsr(BenchCa.ISSUING, "individual", List.of(), subject, requests.get(i), "bench", RegistrationIds.NONE);
            }
            String port = ca.database.url().replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1");
            long pg = postgresCpuTicks(port);
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = count; i < 2 * count; i++) {
                ca.services.issuer().issueFromCsr(BenchCa.ISSUING, "individual", List.of(), subject, requests.get(i), "bench", RegistrationIds.NONE);
            }
            wall = System.nanoTime() - wall;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            pg = postgresCpuTicks(port) - pg;
            // Kernel clock ticks are 10 ms on Linux (USER_HZ = 100).
            System.out.printf("%s CA, %d certificates on one thread: wall %.2f ms, issuing thread CPU %.2f ms, "
                            + "PostgreSQL CPU %.2f ms per certificate%n", algorithm, count, wall / 1e6 / count,
                    cpu / 1e6 / count, pg * 10.0 / count);
        }
    }

    /** User and system CPU ticks of the PostgreSQL server listening on the port and of its backends. */
    private static long postgresCpuTicks(String port) throws IOException {
        List<String[]> postgres = new ArrayList<>();
        String postmaster = null;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String pid = process.getFileName().toString();
                if (!pid.matches("\\d+")) {
                    continue;
                }
                try {
                    if (!Files.readString(process.resolve("comm")).startsWith("postgres")) {
                        continue;
                    }
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    postgres.add(new String[] {pid, fields[1], String.valueOf(Long.parseLong(fields[11]) + Long.parseLong(fields[12]))});
                    String command = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    if (command.contains(" -p " + port + " ")) {
                        postmaster = pid;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        if (postmaster == null) {
            throw new IllegalStateException("No local PostgreSQL server on port " + port + " (an external or Docker one?)");
        }
        long ticks = 0;
        for (String[] p : postgres) {
            if (p[0].equals(postmaster) || p[1].equals(postmaster)) {
                ticks += Long.parseLong(p[2]);
            }
        }
        return ticks;
    }
}
