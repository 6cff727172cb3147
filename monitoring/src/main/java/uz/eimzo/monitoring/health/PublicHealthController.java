package uz.eimzo.monitoring.health;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /actuator/health} on the public port while actuator lives on a management port of its own: the overall
 * status alone ({@code {"status":"UP"}}, 200; DOWN or OUT_OF_SERVICE 503), for load balancers in front of the
 * application. Which check failed, and every other endpoint, stays on the management port.
 */
@RestController
final class PublicHealthController {

    private final HealthEndpoint health;
    private final HttpCodeStatusMapper statusCodes;

    PublicHealthController(HealthEndpoint health, HttpCodeStatusMapper statusCodes) {
        this.health = health;
        this.statusCodes = statusCodes;
    }

    @GetMapping(path = HealthSurface.PUBLIC_HEALTH_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> health() {
        Status status = health.health().getStatus();
        return ResponseEntity.status(statusCodes.getStatusCode(status)).cacheControl(CacheControl.noStore())
                .body(Map.of("status", status.getCode()));
    }
}
