package uz.eimzo.tsa.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import uz.eimzo.tsa.TsaProperties;
import uz.eimzo.tsa.stamping.TimeStamper;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import uz.eimzo.tsa.encoding.Refusal;

/**
 * RFC 3161 section 3.4 over HTTP. Every body gets a {@code TimeStampResp}, refusals included, with status 200: the
 * protocol carries the verdict. The body is read up to one byte past the limit, so an over-size request costs little.
 */
@RestController
class TsaController {

    static final MediaType REPLY = MediaType.parseMediaType("application/timestamp-reply");

    private final TimeStamper stamper;
    private final int maxRequestBytes;
    private final Timer granted;
    private final Map<Refusal, Timer> refused = new EnumMap<>(Refusal.class);

    TsaController(TimeStamper stamper, TsaProperties properties, MeterRegistry registry) {
        this.stamper = stamper;
        this.maxRequestBytes = properties.maxRequestBytes();
        // Every series exists from startup, so a rate of refusals is 0 rather than absent.
        this.granted = timer(registry, "granted");
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, timer(registry, refusal.name()));
        }
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("eimzo.tsa.requests").description("Time-stamp requests, from the body to the encoded reply")
                .tag("outcome", outcome).publishPercentileHistogram().register(registry);
    }

    @PostMapping("/tsa")
    public ResponseEntity<byte[]> stamp(HttpServletRequest request) throws IOException {
        long start = System.nanoTime();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        }
        TimeStamper.Reply reply = stamper.stamp(body);
        (reply.refusal() == null ? granted : refused.get(reply.refusal()))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return ResponseEntity.ok().contentType(REPLY).body(reply.body());
    }
}
