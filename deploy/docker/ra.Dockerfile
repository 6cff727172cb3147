# The RA/CA web application. Build from the repository root after `./mvnw -q -DskipTests package`:
#   docker build -f deploy/docker/ra.Dockerfile -t eimzo/ra:0.1.0 .
FROM eclipse-temurin:21-jre

# softhsm2: the PKCS#11 library of the compose set-up (a real HSM's vendor library is added in a derived image
# or mounted, see docs/hsm.md); curl: the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends softhsm2 curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 eimzo \
 && useradd --system --uid 10001 --gid eimzo --home-dir /var/lib/eimzo --shell /usr/sbin/nologin eimzo \
 && mkdir -p /var/lib/eimzo/tls /var/lib/softhsm/tokens /etc/eimzo \
 && chown -R eimzo:eimzo /var/lib/eimzo /var/lib/softhsm/tokens

COPY deploy/docker/entrypoint.sh /usr/local/bin/eimzo-entrypoint
COPY ra-web/target/ra-web-*-exec.jar /opt/eimzo/ra.jar

USER 10001:10001
WORKDIR /var/lib/eimzo
EXPOSE 8080 8443
# Migrations are run by the owner role (the migrate job), never by the application's restricted role.
ENV SPRING_FLYWAY_ENABLED=false \
    EIMZO_RA_TLS_KEYSTORE=/var/lib/eimzo/tls/operator-tls.p12 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Actuator listens on its own port, on loopback unless MANAGEMENT_SERVER_ADDRESS says otherwise.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9080/actuator/health/readiness || exit 1
ENTRYPOINT ["/usr/local/bin/eimzo-entrypoint", "java", "-jar", "/opt/eimzo/ra.jar"]
