package uz.eimzo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each compose check, fed a broken file, reports the fault. */
class ComposeChecksCanFailTest {

    private static final String ENV = "WEB_PORT=8080\nDB_PORT=5432\n";

    @Test
    void aDependencyOnAnUndefinedServiceIsReported(@TempDir Path dir) {
        ComposeFile compose = ComposeFile.parse("""
                services:
                  web:
                    image: web
                    depends_on:
                      databse:
                        condition: service_healthy
                  db:
                    image: postgres
                """, ENV, dir);
        assertThat(compose.dependencyProblems()).containsExactly("service web depends on databse, which is not defined");
    }

    @Test
    void aVariableMissingFromEnvExampleIsReportedAndEscapedDollarsAreNot(@TempDir Path dir) {
        ComposeFile compose = ComposeFile.parse("""
                services:
                  web:
                    image: web:${WEB_TAG:-1}
                    command: ["sh", "-c", "echo $$HOME"]
                    ports: ["${WEB_PORT}:8080"]
                """, ENV, dir);
        assertThat(compose.variableProblems()).containsExactly("variable WEB_TAG has no entry in .env.example");
    }

    @Test
    void twoServicesPublishingOneHostPortAreReported(@TempDir Path dir) {
        ComposeFile compose = ComposeFile.parse("""
                services:
                  web:
                    image: web
                    ports: ["${WEB_PORT}:8080"]
                  admin:
                    image: admin
                    ports: ["127.0.0.1:${ADMIN_PORT:-8080}:9090"]
                  db:
                    image: postgres
                    ports: ["127.0.0.1:${DB_PORT}:5432"]
                """, ENV + "ADMIN_PORT=\n", dir);
        assertThat(compose.portProblems()).containsExactly("services web and admin both publish host port 8080");
    }

    @Test
    void anUndeclaredSecretOrVolumeAndAMissingFileAreReported(@TempDir Path dir) {
        ComposeFile compose = ComposeFile.parse("""
                services:
                  web:
                    image: web
                    secrets: [db_password]
                    volumes:
                      - data:/data
                      - ./nginx.conf:/etc/nginx/nginx.conf:ro
                secrets:
                  other:
                    file: ./other
                """, ENV, dir);
        assertThat(compose.resourceProblems()).containsExactly(
                "service web uses secret db_password, which is not declared",
                "service web mounts volume data, which is not declared",
                "service web mounts ./nginx.conf, which does not exist");
    }
}
