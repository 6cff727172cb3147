package uz.eimzo.ca.bench.scale;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The Markdown report of a run: topology, throughput, CPU, database cost, correctness, failures and timeline. */
final class Report {

    private static final String[] PHASE_NAMES = {"warm-up", "before kill (2 CA nodes, 2 responders)",
            "after kill (1 CA node, 1 responder)"};

    private final Outcome outcome;
    private final Verification.Findings findings;
    private final List<String> timeline;
    private final String issuingCa;
    private final Load load;
    private final StringBuilder r = new StringBuilder();

    /** The load offered: issuing clients, OCSP clients and the OCSP rate in requests per second (0: unpaced). */
    record Load(int issuingThreads, int ocspThreads, int ocspRate) {
    }

    Report(Outcome outcome, Verification.Findings findings, List<String> timeline, String issuingCa, Load load) {
        this.outcome = outcome;
        this.findings = findings;
        this.timeline = timeline;
        this.issuingCa = issuingCa;
        this.load = load;
    }

    String render() {
        r.append("# Scale-out run ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
                .append(" UTC\n\n");
        r.append("Machine: ").append(CpuAccounting.machine()).append("\n\n");
        r.append("""
                Topology, all on this one machine: one PostgreSQL 17 (embedded, default durability: fsync and synchronous
                commit on), two CA/RA nodes (`ra-web` exec jar, separate JVMs, -Xmx384m, same database and CA PKCS#12 file,
                clustered Quartz), two OCSP responders (`ocsp-responder` exec jar, -Xmx256m, role `eimzo_responder`), and the
                load driver (%d issuing clients, %d OCSP clients, client-side round-robin with failover). Issuance is the full
                API path: `POST /api/requests` (individual applicant, submitted) on one node, then `POST /api/requests/{id}/issue`
                with a P-256 PKCS#10 request on the next node; the issuing clients go as fast as the CA tier answers. OCSP: POST
                without nonce (the RFC 5019 way relying parties ask) about a random certificate issued in this run, offered
                at %s. Half-way, `ca-node-1` and `ocsp-1` get SIGKILL.
                Every process, the database and the driver share the same %d cores, so these are not per-node capacities
                (see docs/capacity.md for those).

                """.formatted(load.issuingThreads(), load.ocspThreads(),
                load.ocspRate() > 0 ? load.ocspRate() + " requests/s in total" : "full speed",
                Runtime.getRuntime().availableProcessors()));
        throughput();
        cpu();
        database();
        correctness();
        failures();
        r.append("## Revocations during the load\n\n");
        outcome.revocationChecks.forEach(l -> r.append("- ").append(l).append('\n'));
        r.append("\n## Clustered Quartz: CRLs of ").append(issuingCa).append(" (from the audit log)\n\n");
        r.append("Each revocation fires a one-off delta-CRL job on whichever node's scheduler takes it; the actor names the node.\n\n");
        r.append("| at | actor | action | CRL number |\n|---|---|---|---:|\n");
        findings.crls().forEach(l -> r.append("| ").append(l).append(" |\n"));
        r.append("\n## Timeline\n\n");
        timeline.forEach(l -> r.append("- ").append(l).append('\n'));
        return r.toString();
    }

    private void throughput() {
        r.append("## Throughput\n\n");
        r.append("| phase | seconds | certificates issued | issued/s | issuance p50 / p99 ms | issuance errors | OCSP good answers | OCSP/s | OCSP p50 / p99 ms | OCSP wrong | tryLater | other |\n");
        r.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 1; i <= 2; i++) {
            Phase p = outcome.phases[i];
            r.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %.1f | %s | %d | %d | %.0f | %s | %d | %d | %d |%n", PHASE_NAMES[i],
                    p.seconds(), p.issued.sum(), p.issued.sum() / p.seconds(), Phase.percentiles(p.issueMicros), p.issueErrors.sum(),
                    p.ocspGood.sum(), p.ocspGood.sum() / p.seconds(), Phase.percentiles(p.ocspMicros), p.ocspWrong.sum(),
                    p.ocspTryLater.sum(), p.ocspOther.sum()));
        }
    }

    private void cpu() {
        r.append("\nWhere the CPU went (CPU-seconds per second of the phase; the machine has ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores):\n\n");
        List<String> owners = new ArrayList<>(outcome.phases[1].cpuEnd.keySet());
        r.append("| phase | machine busy | ").append(String.join(" | ", owners))
                .append(" | other work on the machine | our CPU-ms per certificate (OCSP load included) |\n");
        r.append("|---|---:|").append("---:|".repeat(owners.size())).append("---:|---:|\n");
        for (int i = 1; i <= 2; i++) {
            Phase p = outcome.phases[i];
            double busy = (p.machineEnd[0] - p.machineStart[0]) / (double) (p.machineEnd[1] - p.machineStart[1])
                    * Runtime.getRuntime().availableProcessors();
            r.append("| ").append(PHASE_NAMES[i]).append(String.format(Locale.ROOT, " | %.2f", busy));
            double ours = 0;
            for (String owner : owners) {
                long ticks = p.cpuEnd.getOrDefault(owner, 0L) - p.cpuStart.getOrDefault(owner, 0L);
                double perSecond = Math.max(0, ticks) / 100.0 / p.seconds();
                ours += perSecond;
                r.append(String.format(Locale.ROOT, " | %.2f", perSecond));
            }
            r.append(String.format(Locale.ROOT, " | %.2f | %.1f |%n", Math.max(0, busy - ours),
                    ours * p.seconds() * 1000 / Math.max(1, p.issued.sum())));
        }
    }

    private void database() {
        r.append("\nWhat one certificate issued through the API costs the database (measured over the phase, with the OCSP "
                + "load and revocations included):\n\n| phase | WAL bytes per certificate | audit rows per certificate |\n|---|---:|---:|\n");
        for (int i = 1; i <= 2; i++) {
            Phase p = outcome.phases[i];
            long n = Math.max(1, p.issued.sum());
            r.append(String.format(Locale.ROOT, "| %s | %,d | %.2f |%n", PHASE_NAMES[i], (p.walEnd - p.walStart) / n,
                    (p.auditEnd - p.auditStart) / (double) n));
        }
    }

    private void correctness() {
        r.append("\n## Correctness\n\n");
        r.append("| check | result |\n|---|---|\n");
        findings.db().forEach((k, v) -> r.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        r.append("| wrong OCSP answers during the load (revoked/unknown for a good certificate, or an error status) | ")
                .append(outcome.wrongAnswers.size()).append(" |\n");
        List<Long> latencies = outcome.revocationLatencies;
        r.append("| revocation seen by every live responder within 1 s | ").append(
                latencies.isEmpty() ? "no sample" : "max " + Collections.max(latencies) + " ms over "
                        + latencies.size() + " checks").append(" |\n");
        r.append("\n**Overall: ").append(findings.pass() ? "PASS" : "FAIL").append("**\n\n");
        if (!findings.problems().isEmpty() || !outcome.wrongAnswers.isEmpty() || !outcome.issuanceErrors.isEmpty()) {
            r.append("Problems:\n\n");
            findings.problems().stream().limit(30).forEach(p -> r.append("- ").append(p).append('\n'));
            outcome.wrongAnswers.stream().limit(30).forEach(p -> r.append("- ").append(p).append('\n'));
            outcome.issuanceErrors.stream().limit(30).forEach(p -> r.append("- issuance error: ").append(p).append('\n'));
            r.append('\n');
        }
    }

    private void failures() {
        List<Balancer.Failure> failures = findings.failures();
        long killNanos = outcome.killNanos;
        r.append("## Connection failures absorbed by the balancer (retried on the other node)\n\n");
        if (failures.isEmpty()) {
            r.append("None.\n\n");
            return;
        }
        Map<String, Integer> grouped = new TreeMap<>();
        for (Balancer.Failure f : failures) {
            String when = String.format(Locale.ROOT, "%+.0f ms", (f.atNanos() - killNanos) / 1e6);
            String key = f.target() + " | " + f.operation() + " | " + f.error().replaceAll("\\d{4,}", "N");
            grouped.merge(key + " | first " + when, 1, Integer::sum);
        }
        long first = failures.stream().mapToLong(Balancer.Failure::atNanos).min().orElse(killNanos);
        long last = failures.stream().mapToLong(Balancer.Failure::atNanos).max().orElse(killNanos);
        r.append(String.format(Locale.ROOT, "%d failures, from %+.0f ms to %+.0f ms after the kill; every one was "
                        + "retried on the surviving node (none became a client-visible error, none was a wrong answer).%n%n",
                failures.size(), (first - killNanos) / 1e6, (last - killNanos) / 1e6));
        r.append("| node | operation | error | count |\n|---|---|---|---:|\n");
        Map<String, Integer> collapsed = new TreeMap<>();
        grouped.forEach((k, v) -> collapsed.merge(k.substring(0, k.lastIndexOf(" | first")), v, Integer::sum));
        collapsed.forEach((k, v) -> r.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        r.append('\n');
    }
}
