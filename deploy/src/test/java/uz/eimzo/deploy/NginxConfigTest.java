package uz.eimzo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reverse proxy in front of the two responders: accepted by nginx itself, with no cache and both upstreams. */
class NginxConfigTest {

    private static final Path CONFIG = Path.of("compose/nginx/ocsp.conf");

    @Test
    void theProxyBalancesBothRespondersAndCachesNothing() throws Exception {
        String config = Files.readString(CONFIG);
        assertThat(config).contains("server ocsp-1:8081", "server ocsp-2:8081", "location /ocsp", "limit_except GET POST",
                "merge_slashes off", "non_idempotent");
        assertThat(config.lines().map(String::strip).filter(l -> !l.startsWith("#")))
                .noneMatch(l -> l.startsWith("proxy_cache"));
    }

    @Test
    void theProxyPassesTheHealthStatusButNoOtherActuatorPath() throws Exception {
        String config = Files.readString(CONFIG);
        assertThat(config.lines().map(String::strip).filter(l -> l.startsWith("location") && l.contains("actuator")))
                .containsExactly("location = /actuator/health {");
    }

    @Test
    void nginxAcceptsTheConfiguration(@TempDir Path dir) throws Exception {
        Tools.Result result = nginxTest(dir, Files.readString(CONFIG));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("test is successful");
    }

    @Test
    void nginxRefusesABrokenConfigurationSoTheCheckAbove(@TempDir Path dir) throws Exception {
        Tools.Result result = nginxTest(dir, Files.readString(CONFIG).replace("proxy_read_timeout 10s;", "proxy_read_timeout 10s"));
        assertThat(result.exitCode()).isNotZero();
    }

    /**
     * nginx -t resolves upstream host names when it loads the configuration, and ocsp-1/ocsp-2 exist only on the
     * compose network: here they become 127.0.0.1, the only change made to the file.
     */
    private static Tools.Result nginxTest(Path dir, String serverConfig) throws Exception {
        Tools.assumeInstalled("nginx");
        Files.writeString(dir.resolve("default.conf"), serverConfig.replaceAll("ocsp-[12]:8081", "127.0.0.1:8081"));
        Path main = Files.writeString(dir.resolve("nginx.conf"), """
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    include %1$s/default.conf;
                }
                """.formatted(dir));
        return Tools.run(List.of("nginx", "-t", "-p", dir.toString(), "-c", main.toString()), Map.of());
    }
}
