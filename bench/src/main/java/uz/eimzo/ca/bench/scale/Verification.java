package uz.eimzo.ca.bench.scale;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * After the load: that nothing was lost, duplicated or answered wrongly. Every certificate the API said it issued
 * is looked up in the database and asked of the surviving responder; requests cut by the kill are followed up.
 */
final class Verification {

    /** What the checks found: named results for the report's table, problems, the CRLs made, absorbed failures. */
    record Findings(Map<String, Object> db, List<String> problems, List<String> crls, List<Balancer.Failure> failures,
                    boolean pass) {
    }

    private final Cluster cluster;
    private final Outcome outcome;
    private final Balancer cas;
    private final Balancer responders;
    private final X509Certificate issuer;
    private final String issuingCa;

    Verification(Cluster cluster, Outcome outcome, Balancer cas, Balancer responders, X509Certificate issuer,
                 String issuingCa) {
        this.cluster = cluster;
        this.outcome = outcome;
        this.cas = cas;
        this.responders = responders;
        this.issuer = issuer;
        this.issuingCa = issuingCa;
    }

    Findings verify() throws Exception {
        Map<String, Object> db = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<BigInteger, String> statusInDb = new HashMap<>();
        Map<BigInteger, Integer> copies = new HashMap<>();
        Set<BigInteger> fromRequests = new HashSet<>();
        List<String> crls = new ArrayList<>();
        try (Connection c = cluster.database();
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    select c.serial::text, c.status, c.request_id from certificate c join ca on ca.id = c.ca_id
                    where ca.name = '%s'"""
                    .formatted(issuingCa))) {
                while (rs.next()) {
                    BigInteger serial = new BigInteger(rs.getString(1));
                    statusInDb.put(serial, rs.getString(2));
                    if (rs.getObject(3) != null) {
                        fromRequests.add(serial);
                    }
                    copies.merge(serial, 1, Integer::sum);
                }
            }
            db.put("database size after the run / certificates in it", single(s,
                    "select pg_size_pretty(pg_database_size('eimzo')) || ' / ' || (select count(*) from certificate) || ' = ' "
                    + "|| pg_size_pretty(pg_database_size('eimzo') / greatest(1, (select count(*) from certificate))) || ' per certificate'"));
            db.put("duplicate serials (any CA)", single(s, "select count(*) from (select serial from certificate group by serial having count(*) > 1) d"));
            db.put("PENDING rows (recorded, never signed: a node died between recording and signing)",
                    single(s, "select count(*) from certificate where status = 'PENDING'"));
            try (ResultSet rs = s.executeQuery("""
                    select a.at, a.actor, a.action, a.details->>'crlNumber' from audit_event a
                    where a.action like 'crl.%' and a.target = '""" + issuingCa + "' order by a.id")) {
                while (rs.next()) {
                    crls.add(rs.getTimestamp(1).toInstant() + " | " + rs.getString(2) + " | " + rs.getString(3) + " | " + rs.getString(4));
                }
            }
            List<String> cut = new ArrayList<>();
            for (Long request : outcome.cutAtKill) {
                try (PreparedStatement q = c.prepareStatement(
                        "select count(*), string_agg(status, ',') from certificate where request_id = ?")) {
                    q.setLong(1, request);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        cut.add("request " + request + ": " + rs.getInt(1) + " certificate(s) " + rs.getString(2));
                        if (rs.getInt(1) > 1) {
                            problems.add("request " + request + " has " + rs.getInt(1) + " certificates");
                        }
                    }
                }
            }
            List<String> doubled = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select request_id, count(*), string_agg(status || ' by ' || requester, ', ') from certificate
                    where request_id is not null group by request_id having count(*) > 1""")) {
                while (rs.next()) {
                    doubled.add("request " + rs.getLong(1) + ": " + rs.getInt(2) + " certificates (" + rs.getString(3) + ")");
                }
            }
            problems.addAll(doubled);
            db.put("requests with more than one certificate", doubled.isEmpty() ? "0" : doubled.size() + ": " + doubled);
            db.put("issue calls cut by the kill (answer lost; what the database holds for them)", cut.isEmpty() ? "none" : cut);
            try (ResultSet rs = s.executeQuery("select instance_name, last_checkin_time from qrtz_scheduler_state order by 1")) {
                List<String> instances = new ArrayList<>();
                while (rs.next()) {
                    instances.add(rs.getString(1));
                }
                db.put("Quartz instances still registered after the run", instances);
            }
        }
        int missing = 0;
        int wrongStatus = 0;
        for (BigInteger serial : outcome.issuedOk.keySet()) {
            String status = statusInDb.get(serial);
            String expected = outcome.revoked.contains(serial) ? "REVOKED" : "GOOD";
            if (status == null) {
                missing++;
                problems.add("issued (HTTP 200) but not in the database: " + serial.toString(16));
            } else if (!status.equals(expected) || copies.get(serial) != 1) {
                wrongStatus++;
                problems.add(serial.toString(16) + " is " + status + " x" + copies.get(serial) + ", expected " + expected + " once");
            }
        }
        long unseen = statusInDb.entrySet().stream().filter(e -> e.getValue().equals("GOOD") && fromRequests.contains(e.getKey())
                && !outcome.issuedOk.containsKey(e.getKey())).count();
        db.put("certificates answered 200 by the API", outcome.issuedOk.size());
        db.put("... of them missing from the database", missing);
        db.put("... of them not exactly once with the expected status", wrongStatus);
        db.put("applicants' certificates GOOD in the database but no 200 seen by the client (answer lost with the killed node)", unseen);
        db.put("other certificates of " + issuingCa + " (the responders' delegated OCSP certificates)", statusInDb.size() - fromRequests.size());

        int sweepWrong = sweep(db, problems);

        List<Balancer.Failure> failures = new ArrayList<>(cas.failures);
        failures.addAll(responders.failures);
        long killNanos = outcome.killNanos;
        long lateFailures = failures.stream().filter(f -> f.atNanos() < killNanos || f.atNanos() > killNanos + TimeUnit.SECONDS.toNanos(5)).count();
        long slowRevocations = outcome.revocationLatencies.stream().filter(ms -> ms > 1000).count()
                + outcome.revocationChecks.stream().filter(l -> l.contains("NOT within") || l.contains("failed")).count();
        boolean pass = problems.isEmpty() && missing == 0 && wrongStatus == 0 && sweepWrong == 0 && outcome.wrongAnswers.isEmpty()
                && ((Number) db.get("duplicate serials (any CA)")).longValue() == 0 && slowRevocations == 0
                && lateFailures == 0 && outcome.phases[1].issueErrors.sum() + outcome.phases[2].issueErrors.sum() == 0;
        return new Findings(db, problems, crls, failures, pass);
    }

    /** Every certificate the API said it issued, asked of the surviving responder one by one; returns the wrong answers. */
    private int sweep(Map<String, Object> db, List<String> problems) throws IOException, InterruptedException {
        Balancer.Target survivor = responders.targets().get(1);
        int sweepGood = 0;
        int sweepRevoked = 0;
        int sweepWrong = 0;
        for (BigInteger serial : outcome.issuedOk.keySet()) {
            Pki.OcspAnswer answer = Pki.parse(responders.sendTo(survivor,
                    base -> Pki.ocspPost(base, Pki.ocspRequest(issuer, serial, false))).body());
            boolean shouldBeRevoked = outcome.revoked.contains(serial);
            if (shouldBeRevoked ? answer.revoked() : answer.good()) {
                if (shouldBeRevoked) {
                    sweepRevoked++;
                } else {
                    sweepGood++;
                }
            } else {
                sweepWrong++;
                problems.add("final sweep: " + survivor.name() + " said " + answer + " for " + serial.toString(16));
            }
        }
        db.put("final OCSP sweep on " + survivor.name() + ": good / revoked as expected / wrong",
                sweepGood + " / " + sweepRevoked + " / " + sweepWrong);
        return sweepWrong;
    }

    private static Object single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
