package uz.eimzo.launcher;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ca.x509.CrlEncoder;
import uz.eimzo.ca.gost.UzDst;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's own example, {@code java -jar eimzo.jar --server.port=…}: the argument moves the RA alone, the
 * responder, the operators' HTTPS port and both management ports are each set on their own (EIMZO_* variables), and
 * what the launcher prints and writes names the ports actually in use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherPortsTest {

    Path data;
    Process launcher;
    int raPort;
    int ocspPort;
    int httpsPort;
    int raManagement;
    int ocspManagement;
    int tsaPort;
    int nettyPort;
    int tsaNettyPort;
    final StringBuilder output = new StringBuilder();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        data = Files.createTempDirectory("eimzo-launcher-ports");
        raPort = freePort();
        ocspPort = freePort();
        httpsPort = freePort();
        raManagement = freePort();
        ocspManagement = freePort();
        nettyPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--server.port=" + raPort).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("EIMZO_"));
        env.put("EIMZO_DATA", data.toString());
        env.put("EIMZO_PG_PORT", String.valueOf(freePort()));
        env.put("EIMZO_OCSP_PORT", String.valueOf(ocspPort));
        env.put("EIMZO_HTTPS_PORT", String.valueOf(httpsPort));
        env.put("EIMZO_RA_MANAGEMENT_PORT", String.valueOf(raManagement));
        env.put("EIMZO_OCSP_MANAGEMENT_PORT", String.valueOf(ocspManagement));
        tsaPort = freePort();
        env.put("EIMZO_TSA_PORT", String.valueOf(tsaPort));
        env.put("EIMZO_OCSP_NETTY_PORT", String.valueOf(nettyPort));
        tsaNettyPort = freePort();
        env.put("EIMZO_TSA_NETTY_PORT", String.valueOf(tsaNettyPort));
        env.put("EIMZO_TSA_MANAGEMENT_PORT", String.valueOf(freePort()));
        launcher = builder.start();
        Thread.ofPlatform().daemon().start(() -> copy(launcher.getInputStream()));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (!said().contains("E-IMZO CA is running")) {
            assertThat(launcher.isAlive()).as(this::said).isTrue();
            assertThat(Instant.now()).as("the launcher did not come up: %s", said()).isBefore(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (launcher != null) {
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor();
            }
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void theRaAnswersOnThePortGivenOnTheCommandLine() throws Exception {
        assertThat(get("http://localhost:" + raPort + "/login").statusCode()).isEqualTo(200);
    }

    @Test
    void theResponderAnswersOnItsOwnPort() throws Exception {
        assertThat(healthy("http://localhost:" + ocspPort + "/actuator/health")).isEqualTo(200);
    }

    @Test
    void eachManagementPortIsItsOwn() throws Exception {
        assertThat(healthy("http://localhost:" + raManagement + "/actuator/health")).isEqualTo(200);
        assertThat(healthy("http://localhost:" + ocspManagement + "/actuator/health")).isEqualTo(200);
    }

    /** The health status once it is up: the responder reports 503 until its delegated certificate arrives (~15 s). */
    private int healthy(String url) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        int status = get(url).statusCode();
        while (status != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            status = get(url).statusCode();
        }
        return status;
    }

    @Test
    void theOutputNamesThePortsInUse() {
        assertThat(said()).contains("http://localhost:" + raPort + "/")
                .contains("https://localhost:" + httpsPort + "/")
                .contains("http://localhost:" + ocspPort + "/ocsp")
                .contains(":" + raManagement + "/actuator").contains(":" + ocspManagement + "/actuator");
    }

    @Test
    void withoutSettingsApplicantsAreIssuedByTheGostUzCaAndTheOutputSaysWhereItsCrlIs() {
        assertThat(said()).contains("Issuing CA:         demo-gost-issuing (GOST_UZ): CRL http://localhost:" + ocspPort
                + "/crl/demo-gost-issuing.crl").contains("--eimzo.ra.issuing-ca=demo-issuing");
    }

    /**
     * The default deployment's relying-party answers are national: the GOST-UZ issuing CA's CRL and an OCSP answer
     * about one of its serials are signed 1.2.860.3.15.1.1.2.2.2.2, the OCSP one by a GOST-UZ delegated responder
     * that CA certified, and both verify.
     */
    @Test
    void theDefaultIssuingCasCrlAndOcspAnswersAreGostUzSigned() throws Exception {
        String responder = "http://localhost:" + ocspPort;
        healthy(responder + "/actuator/health");
        X509Certificate issuing = Certificates.parse(http.send(HttpRequest.newBuilder(URI.create(responder
                + "/ca/demo-gost-issuing.crt")).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        byte[] crlBytes = new byte[0];
        for (Instant deadline = Instant.now().plusSeconds(120); Instant.now().isBefore(deadline); Thread.sleep(1000)) {
            HttpResponse<byte[]> crl = http.send(HttpRequest.newBuilder(URI.create(responder + "/crl/demo-gost-issuing.crl"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (crl.statusCode() == 200) {
                crlBytes = crl.body();
                break;
            }
        }
        X509CRL crl = CrlEncoder.parse(crlBytes);
        assertThat(crl.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        crl.verify(issuing.getPublicKey());

        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(Certificates.der(issuing)), BigInteger.valueOf(12345));
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(responder + "/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new OCSPReqBuilder().addRequest(id).build().getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(answer.body()).getResponseObject();
        assertThat(basic.getSignatureAlgOID().getId()).isEqualTo(UzDst.SIGNATURE_OID);
        X509Certificate signer = Certificates.parse(basic.getCerts()[0].getEncoded());
        signer.verify(issuing.getPublicKey());
        Signature verifier = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
        verifier.initVerify(signer.getPublicKey());
        verifier.update(basic.getTBSResponseData());
        assertThat(verifier.verify(basic.getSignature())).isTrue();
    }

    /**
     * The default deployment's time-stamps are national too: the TSA key is GOST-UZ and certified by the GOST-UZ issuing
     * CA, checked with the project's independent GOST verifier (the token's signature over its signed attributes and
     * the TSA certificate's signature by {@code demo-gost-issuing}), not with the provider that made them.
     */
    @Test
    void theDefaultTsaTokensAreGostUzSignedByAKeyTheGostUzIssuingCaCertified() throws Exception {
        X509Certificate issuing = Certificates.parse(http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + ocspPort + "/ca/demo-gost-issuing.crt")).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                MessageDigest.getInstance("SHA-256").digest("Hisob-faktura 42".getBytes(StandardCharsets.UTF_8)),
                BigInteger.valueOf(4242));

        TimeStampResponse response = null;
        for (Instant deadline = Instant.now().plusSeconds(120); Instant.now().isBefore(deadline); Thread.sleep(1000)) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tsaPort + "/tsa"))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response = new TimeStampResponse(answer.body());
            if (response.getStatus() == PKIStatus.GRANTED) {
                break;
            }
        }
        assertThat(response.getStatus()).as("the TSA granted a token within two minutes").isEqualTo(PKIStatus.GRANTED);
        response.validate(request);

        TimeStampToken token = response.getTimeStampToken();
        SignerInformation signer = token.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
        X509Certificate tsa = Certificates.parse(((X509CertificateHolder) token.getCertificates().getMatches(token.getSID()).iterator().next()).getEncoded());
        assertThat(signer.getEncryptionAlgOID()).isIn(UzDst.SIGNATURE_OID, UzDst.KEY_OID);
        assertThat(GostIndependentVerifier.verify(signer.getEncodedSignedAttributes(), signer.getSignature(),
                tsa.getPublicKey().getEncoded())).as("the token's GOST-UZ signature").isTrue();
        assertThat(tsa.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
        assertThat(GostIndependentVerifier.certificateVerifies(tsa, issuing)).as("the TSA certificate signed by demo-gost-issuing").isTrue();
    }

    @Test
    void theResponderAnswersOcspOnTheNettyPortTheEnvironmentOpens() throws Exception {
        assertThat(said()).contains("OCSP on Netty:      http://localhost:" + nettyPort + "/ocsp");
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nettyPort + "/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray("not an OCSP request".getBytes())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(new OCSPResp(answer.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void theTsaAnswersOnTheNettyPortTheEnvironmentOpens() throws Exception {
        assertThat(said()).contains("TSA on Netty:       http://localhost:" + tsaNettyPort + "/tsa");
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tsaNettyPort + "/tsa"))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray("not a time-stamp request".getBytes())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/timestamp-reply");
        TimeStampResponse reply = new TimeStampResponse(answer.body());
        assertThat(reply.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(reply.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    }

    @Test
    void theDemoOperatorsFileNamesThePortInUse() throws Exception {
        assertThat(Files.readString(data.resolve("demo-operators.txt")))
                .contains("http://localhost:" + raPort + "/login").doesNotContain(":8080");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void copy(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException ended) {
            // The launcher stopped.
        }
    }

    private String said() {
        synchronized (output) {
            return output.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
