package uz.eimzo.tsa.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import uz.eimzo.tsa.TsaProperties;
import uz.eimzo.tsa.stamping.StampTimers;
import uz.eimzo.tsa.stamping.TimeStamper;

import java.io.IOException;
import java.io.InputStream;

/**
 * RFC 3161 section 3.4 over HTTP. Every body gets a {@code TimeStampResp}, refusals included, with status 200: the
 * protocol carries the verdict. The body is read up to one byte past the limit, so an over-size request costs little.
 */
@RestController
class TsaController {

    static final MediaType REPLY = MediaType.parseMediaType("application/timestamp-reply");

    private final TimeStamper stamper;
    private final int maxRequestBytes;
    private final StampTimers timers;

    TsaController(TimeStamper stamper, TsaProperties properties, StampTimers timers) {
        this.stamper = stamper;
        this.maxRequestBytes = properties.maxRequestBytes();
        this.timers = timers;
    }

    @PostMapping("/tsa")
    public ResponseEntity<byte[]> stamp(HttpServletRequest request) throws IOException {
        long start = System.nanoTime();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        }
        TimeStamper.Reply reply = stamper.stamp(body);
        timers.record(reply, start);
        return ResponseEntity.ok().contentType(REPLY).body(reply.body());
    }
}
