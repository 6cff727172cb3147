package uz.eimzo.ca.bench.ocsp;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import uz.eimzo.ca.bench.load.ThreadedLoad;
import uz.eimzo.ca.responder.ResponderCertificates;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the scale bench asks of a responder besides load: is it ready and right, how much memory, and progress lines. */
final class OcspScaleProbes {

    private OcspScaleProbes() {
    }

    /** A line as each step ends, with the load average then: a long run shows what it got to if it is cut short. */
    static void progress(String format, Object... args) {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            load = "?";
        }
        System.out.printf(Locale.ROOT, "# %s %s (load %s)%n", Instant.now(), String.format(Locale.ROOT, format, args), load);
        System.out.flush();
    }

    /**
     * Until a good, a revoked and a never-issued serial are each answered correctly in one round (certificates
     * certified, index loaded), asking every 100 ms; what came before: refused connections, tryLater, other
     * unsuccessful answers, and any successful answer with the wrong status (which must never happen).
     */
    static String awaitCorrectAnswer(ResponderCertificates caSide, X509CertificateHolder issuer, DigestCalculator sha1,
                                     int port, Path log) throws Exception {
        BigInteger[] serials = {OcspScaleBench.serial(0), OcspScaleBench.serial(9), BigInteger.ONE.shiftLeft(125).add(BigInteger.valueOf(12345))};
        String[] expected = {"good", "revoked", "unknown"};
        int refused = 0;
        int tryLater = 0;
        int otherwise = 0;
        int wrong = 0;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900); System.nanoTime() < deadline; Thread.sleep(100)) {
            caSide.issuePending("bench");
            int right = 0;
            for (int k = 0; k < serials.length; k++) {
                String got;
                try {
                    got = statusOf(ThreadedLoad.exchangeOnce(port, OcspWorkload.post(port, "/ocsp",
                            new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serials[k])).build().getEncoded())));
                } catch (IOException notYet) {
                    got = "refused";
                }
                switch (got) {
                    case "refused" -> refused++;
                    case "tryLater" -> tryLater++;
                    case "good", "revoked", "unknown" -> {
                        if (got.equals(expected[k])) {
                            right++;
                        } else {
                            wrong++;
                        }
                    }
                    default -> otherwise++;
                }
            }
            if (right == serials.length) {
                return String.format(Locale.ROOT, "%d refused, %d tryLater, %d other unsuccessful, %d wrong", refused,
                        tryLater, otherwise, wrong);
            }
        }
        throw new IllegalStateException("The responder never answered; see " + log);
    }

    /** good, revoked or unknown for a successful answer; tryLater, or the response status otherwise. */
    static String statusOf(byte[] der) throws IOException, OCSPException {
        if (der == null) {
            return "not 200";
        }
        OCSPResp response = new OCSPResp(der);
        if (response.getStatus() == OCSPResp.TRY_LATER) {
            return "tryLater";
        }
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            return "status " + response.getStatus();
        }
        return switch (((BasicOCSPResp) response.getResponseObject()).getResponses()[0].getCertStatus()) {
            case null -> "good";
            case RevokedStatus r -> "revoked";
            case UnknownStatus u -> "unknown";
            default -> "?";
        };
    }

    static String memory(Process responder) throws IOException, InterruptedException {
        String rss = Files.readAllLines(Path.of("/proc/" + responder.pid() + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS")).findFirst().map(l -> l.replaceAll("\\D+", "")).orElse("?");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(responder.pid()), "GC.heap_info").redirectErrorStream(true).start();
        String heap = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        String used = heap.lines().filter(l -> l.contains("used")).findFirst()
                .map(l -> l.replaceAll(".*used (\\d+)K.*", "$1")).orElse("?");
        return (used.matches("\\d+") ? Long.parseLong(used) / 1024 + " MB" : "?") + " / "
                + (rss.matches("\\d+") ? Long.parseLong(rss) / 1024 + " MB" : "?");
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
