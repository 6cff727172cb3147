# The OCSP/CRL responder. Build from the repository root after `./mvnw -q -DskipTests package`:
#   docker build -f deploy/docker/ocsp.Dockerfile -t eimzo/ocsp:0.1.0 .
FROM eclipse-temurin:21-jre

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 eimzo \
 && useradd --system --uid 10001 --gid eimzo --home-dir /var/lib/eimzo --shell /usr/sbin/nologin eimzo \
 && mkdir -p /var/lib/eimzo/keys \
 && chown -R eimzo:eimzo /var/lib/eimzo

COPY deploy/docker/entrypoint.sh /usr/local/bin/eimzo-entrypoint
COPY ocsp-responder/target/ocsp-responder-exec.jar /opt/eimzo/ocsp.jar

USER 10001:10001
WORKDIR /var/lib/eimzo
EXPOSE 8081
# The responder's delegated keys (it makes them itself and asks the CA to certify them).
# Liveness and readiness groups outside Kubernetes too (Spring Boot turns them on by itself only inside it).
ENV EIMZO_OCSP_KEYS_PKCS12_FILE=/var/lib/eimzo/keys/ocsp-keys.p12 \
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Actuator listens on its own port, on loopback unless MANAGEMENT_SERVER_ADDRESS says otherwise.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9081/actuator/health/readiness || exit 1
ENTRYPOINT ["/usr/local/bin/eimzo-entrypoint", "java", "-jar", "/opt/eimzo/ocsp.jar"]
