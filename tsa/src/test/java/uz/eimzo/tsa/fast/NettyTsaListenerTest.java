package uz.eimzo.tsa.fast;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.SlowClients;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.tsa.RunningTsa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional Netty time-stamp listener: the same replies as Tomcat's port (openssl verifies its ECDSA token, the
 * token's record is in the ledger when the reply arrives, bad input is refused in the protocol), and it holds against
 * slow clients: a request that never completes is closed after the read timeout, slow connections leave normal
 * requests answered, and connections past the limit are closed unanswered.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NettyTsaListenerTest {

    private static final int MAX_CONNECTIONS = 300;

    TestDatabase db;
    RunningTsa tsa;
    int port;
    Path directory;
    Path data;
    Path chain;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws IOException {
        this.db = db;
        this.directory = directory;
        TestCa ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        tsa = RunningTsa.start(db, ca, directory, "tsa-netty", KeyAlgorithm.EC_P256, Clock.systemUTC(),
                "--eimzo.tsa.netty.port=0", "--eimzo.tsa.netty.read-timeout=PT6S",
                "--eimzo.tsa.netty.max-connections=" + MAX_CONNECTIONS);
        tsa.clockChecked();
        port = tsa.context.getBean(NettyTsaServer.class).port();
        chain = directory.resolve("chain.pem");
        Files.writeString(chain, Certificates.pem(ca.issuing.certificate()) + Certificates.pem(ca.root.certificate()));
        data = directory.resolve("contract.txt");
        Files.writeString(data, "Shartnoma No 18, 2026-12-08");
    }

    @AfterAll
    void stop() {
        tsa.close();
    }

    @Test
    void opensslVerifiesATokenFromTheNettyPortWhoseRecordIsCommittedWhenTheReplyArrives() throws Exception {
        Path query = query("netty", "-sha256", "-cert");
        byte[] reply = post(Files.readAllBytes(query));
        Path replyFile = directory.resolve("netty.tsr");
        Files.write(replyFile, reply);

        assertThat(run("openssl", "ts", "-verify", "-data", data.toString(), "-in", replyFile.toString(),
                "-CAfile", chain.toString())).contains("Verification: OK");
        var info = new TimeStampResponse(reply).getTimeStampToken().getTimeStampInfo();
        assertThat(JdbcClient.create(db.dataSource()).sql("select count(*) from timestamp_token where serial = ? and tsa = ?")
                .params(new BigDecimal(info.getSerialNumber()), "tsa-netty").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void garbageAndOverSizeBodiesGetABadDataFormatRejectionNotAServerError() throws Exception {
        for (byte[] body : List.of("not a request".getBytes(StandardCharsets.US_ASCII), new byte[1 << 20])) {
            TimeStampResponse reply = new TimeStampResponse(post(body));
            assertThat(reply.getStatus()).isEqualTo(PKIStatus.REJECTION);
            assertThat(reply.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
        }
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreEachAnsweredInOrder() throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<BigInteger> nonces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BigInteger nonce = BigInteger.valueOf(1_000 + i);
            nonces.add(nonce);
            all.write(http(generator.generate(TSPAlgorithms.SHA256, new byte[32], nonce).getEncoded()));
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(all.toByteArray()); // all at once, without waiting for any answer
            InputStream in = socket.getInputStream();
            for (BigInteger nonce : nonces) {
                TimeStampResponse reply = new TimeStampResponse(body(in));
                assertThat(reply.getStatus()).isEqualTo(PKIStatus.GRANTED);
                assertThat(reply.getTimeStampToken().getTimeStampInfo().getNonce()).isEqualTo(nonce);
            }
        }
    }

    /** The body of the next HTTP answer on the connection (status 200, Content-Length). */
    private static byte[] body(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("answer cut short").isNotEqualTo(-1);
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        assertThat(text).startsWith("HTTP/1.1 200");
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        assertThat(length.find()).isTrue();
        return in.readNBytes(Integer.parseInt(length.group(1)));
    }

    @Test
    void aRequestWhoseBodyNeverCompletesIsClosedAfterTheReadTimeout() throws Exception {
        try (Socket socket = slowBody()) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(read).as("nothing answered, the connection closed").isEqualTo(-1);
            assertThat(waited).isBetween(Duration.ofMillis(5500), Duration.ofSeconds(12));
        }
    }

    @Test
    void twoHundredSlowConnectionsLeaveNormalRequestsAnswered() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                slow.add(slowBody());
            }
            byte[] body = Files.readAllBytes(query("normal", "-sha256"));
            int granted = 0;
            for (int i = 0; i < 20; i++) {
                if (new TimeStampResponse(post(body)).getStatus() == PKIStatus.GRANTED) {
                    granted++;
                }
            }
            assertThat(granted).isEqualTo(20);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void connectionsPastTheLimitAreClosedUnanswered() throws Exception {
        byte[] body = Files.readAllBytes(query("limit", "-sha256"));
        byte[] request = http(body);
        List<Socket> sockets = new ArrayList<>();
        int answered = 0;
        int closed = 0;
        try {
            // Each request is sent as its connection opens, and the read timeout (6 s) is far longer than opening them
            // all takes: no answered connection is closed idle, making room for one past the limit, before the last opens.
            for (int i = 0; i < MAX_CONNECTIONS + 10; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setSoTimeout(20_000);
                sockets.add(socket);
                try {
                    socket.getOutputStream().write(request);
                } catch (IOException alreadyClosed) {
                    // read below says so
                }
            }
            for (Socket socket : sockets) {
                int first;
                try {
                    first = socket.getInputStream().read();
                } catch (IOException reset) {
                    first = -1;
                }
                if (first == -1) {
                    closed++;
                } else {
                    answered++;
                }
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertThat(answered).as("answered (%d closed unanswered)", closed).isLessThanOrEqualTo(MAX_CONNECTIONS);
        assertThat(closed).isGreaterThanOrEqualTo(10).isEqualTo(MAX_CONNECTIONS + 10 - answered);
    }

    private byte[] post(byte[] body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tsa"))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/timestamp-reply");
            return response.body();
        }
    }

    private byte[] http(byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST /tsa HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/timestamp-query\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.write(body);
        return request.toByteArray();
    }

    /** A POST announcing 100 body bytes that sends 10 and then nothing. */
    private Socket slowBody() throws IOException {
        return SlowClients.slowBody(port, "/tsa", "application/timestamp-query");
    }

    private Path query(String name, String... options) throws Exception {
        Path query = directory.resolve(name + ".tsq");
        List<String> command = new ArrayList<>(List.of("openssl", "ts", "-query", "-data", data.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-out", query.toString()));
        run(command.toArray(String[]::new));
        return query;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
