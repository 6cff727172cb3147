# The key-ceremony CLI (uz.eimzo.ca.ceremony.CeremonyCli) with SoftHSM2's tools. It also migrates the database:
# every ceremony command runs Flyway first, so `list` as the owner role is the migration job.
# Build from the repository root after `./mvnw -q -Pceremony -pl ca-core -am package -DskipTests -Dmaven.jar.forceCreation=true`:
#   docker build -f deploy/docker/tools.Dockerfile -t eimzo/tools:0.1.0 .
FROM eclipse-temurin:21-jre

RUN apt-get update \
 && apt-get install -y --no-install-recommends softhsm2 opensc \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 eimzo \
 && useradd --system --uid 10001 --gid eimzo --home-dir /var/lib/eimzo --shell /usr/sbin/nologin eimzo \
 && mkdir -p /var/lib/eimzo /var/lib/softhsm/tokens /etc/eimzo \
 && chown -R eimzo:eimzo /var/lib/eimzo /var/lib/softhsm/tokens

COPY deploy/docker/entrypoint.sh /usr/local/bin/eimzo-entrypoint
COPY deploy/compose/softhsm/init-token.sh /usr/local/bin/eimzo-init-token
ARG VERSION=0.1.0-SNAPSHOT
# The jar's manifest class path is lib/ beside it.
COPY ca-core/target/lib/ /opt/eimzo/lib/
COPY ca-core/target/ca-core-${VERSION}.jar /opt/eimzo/ceremony.jar

USER 10001:10001
WORKDIR /var/lib/eimzo
ENTRYPOINT ["/usr/local/bin/eimzo-entrypoint", "java", "-jar", "/opt/eimzo/ceremony.jar"]
CMD ["--help"]
