# The time-stamp authority and document verification. Build from the repository root after
# `./mvnw -q -DskipTests package`:
#   docker build -f deploy/docker/tsa.Dockerfile -t eimzo/tsa:0.1.0 .
FROM eclipse-temurin:21-jre

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 eimzo \
 && useradd --system --uid 10001 --gid eimzo --home-dir /var/lib/eimzo --shell /usr/sbin/nologin eimzo \
 && mkdir -p /var/lib/eimzo/keys \
 && chown -R eimzo:eimzo /var/lib/eimzo

COPY deploy/docker/entrypoint.sh /usr/local/bin/eimzo-entrypoint
COPY tsa/target/tsa-exec.jar /opt/eimzo/tsa.jar

USER 10001:10001
WORKDIR /var/lib/eimzo
EXPOSE 8082
# The TSA's delegated key (it makes it itself and asks the CA to certify it).
# Liveness and readiness groups outside Kubernetes too (Spring Boot turns them on by itself only inside it).
ENV EIMZO_TSA_KEYS_PKCS12_FILE=/var/lib/eimzo/keys/tsa-keys.p12 \
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Actuator listens on its own port, on loopback unless MANAGEMENT_SERVER_ADDRESS says otherwise. Readiness is DOWN
# while the TSA has no certified key or its clock is not vouched for.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9082/actuator/health/readiness || exit 1
ENTRYPOINT ["/usr/local/bin/eimzo-entrypoint", "java", "-jar", "/opt/eimzo/tsa.jar"]
