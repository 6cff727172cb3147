package uz.eimzo.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.keys.KeyFiles;
import uz.eimzo.ocsp.ResponderApplication;
import uz.eimzo.ocsp.fast.NettyOcspServer;
import uz.eimzo.tsa.TsaApplication;
import uz.eimzo.tsa.fast.NettyTsaServer;
import uz.eimzo.ra.RaApplication;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the whole system in one JVM for a newcomer or a demo: PostgreSQL (embedded, data under
 * {@code ./data}, or external via {@code EIMZO_DB_URL}), the RA/CA on 8080 with a demo hierarchy, the OCSP
 * responder on 8081 and the time-stamp authority on 8082. Production runs each application on its own (see deploy/).
 *
 * <p>Command-line arguments are the RA's ({@code --server.port=9090} moves the RA alone); arguments prefixed
 * {@code --ocsp.} are the responder's ({@code --ocsp.server.port=9091}), prefixed {@code --tsa.} the time-stamp
 * authority's. Each port is also settable on its own
 * through the environment: {@code EIMZO_RA_PORT}, {@code EIMZO_HTTPS_PORT}, {@code EIMZO_RA_MANAGEMENT_PORT},
 * {@code EIMZO_OCSP_PORT}, {@code EIMZO_OCSP_MANAGEMENT_PORT}, {@code EIMZO_TSA_PORT}, {@code EIMZO_TSA_MANAGEMENT_PORT},
 * {@code EIMZO_OCSP_NETTY_PORT} opens the responder's optional Netty OCSP port and {@code EIMZO_TSA_NETTY_PORT} the
 * time-stamp authority's Netty port (none by default);
 * an argument wins over a variable.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Arguments with this prefix are the responder's, without it. */
    static final String OCSP_PREFIX = "--ocsp.";
    static final String TSA_PREFIX = "--tsa.";

    public static void main(String[] args) throws Exception {
        List<String> raArgs = new ArrayList<>();
        List<String> ocspArgs = new ArrayList<>();
        List<String> tsaArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(OCSP_PREFIX)) {
                ocspArgs.add("--" + arg.substring(OCSP_PREFIX.length()));
            } else if (arg.startsWith(TSA_PREFIX)) {
                tsaArgs.add("--" + arg.substring(TSA_PREFIX.length()));
            } else {
                raArgs.add(arg);
            }
        }
        fromEnvironment(raArgs, "server.port", "EIMZO_RA_PORT");
        fromEnvironment(raArgs, "eimzo.ra.https-port", "EIMZO_HTTPS_PORT");
        fromEnvironment(raArgs, "management.server.port", "EIMZO_RA_MANAGEMENT_PORT");
        fromEnvironment(ocspArgs, "server.port", "EIMZO_OCSP_PORT");
        fromEnvironment(ocspArgs, "management.server.port", "EIMZO_OCSP_MANAGEMENT_PORT");
        fromEnvironment(ocspArgs, "eimzo.ocsp.netty.port", "EIMZO_OCSP_NETTY_PORT");
        fromEnvironment(tsaArgs, "server.port", "EIMZO_TSA_PORT");
        fromEnvironment(tsaArgs, "management.server.port", "EIMZO_TSA_MANAGEMENT_PORT");
        fromEnvironment(tsaArgs, "eimzo.tsa.netty.port", "EIMZO_TSA_NETTY_PORT");

        Path data = Path.of(env("EIMZO_DATA", "data")).toAbsolutePath();
        Files.createDirectories(data.resolve("keys"));

        Database db = database(data);
        Map<String, Object> ra = new HashMap<>(db.properties());
        ra.put("spring.config.name", RaApplication.CONFIG_NAME);
        ra.put("eimzo.ca.demo", "true");
        ra.put("eimzo.ca.demo-gost", "true");
        ra.put("eimzo.ca.demo-credentials", data.resolve("demo-operators.txt").toString());
        ra.put("eimzo.ra.personal-data-key", personalDataKey(data.resolve("keys/personal-data.key")));
        ra.put("eimzo.ra.tls-keystore", data.resolve("keys/operator-tls.p12").toString());
        String pkcs11 = System.getenv("EIMZO_PKCS11_CONFIG");
        if (pkcs11 != null) {
            ra.put("eimzo.ca.pkcs11-config", pkcs11);
            ra.put("eimzo.ca.pkcs11-pin", env("EIMZO_PKCS11_PIN", ""));
            // SunPKCS11 has no GOST-UZ, so a token-only demo has no GOST-UZ hierarchy: applicants go to the ECDSA one,
            // and the summary says so rather than naming a CA that does not exist.
            ra.put("eimzo.ra.issuing-ca", "demo-issuing");
        } else {
            ra.put("eimzo.ca.pkcs12", data.resolve("keys/demo-ca.p12").toString());
            ra.put("eimzo.ca.pkcs12-password", env("EIMZO_KEYSTORE_PASSWORD", ""));
        }
        ConfigurableApplicationContext raContext = new SpringApplicationBuilder(RaApplication.class)
                .properties(ra).run(raArgs.toArray(String[]::new));

        // The responder is its own application; here it shares the JVM, so it must not pick up the RA's
        // sign-in, migrations, scheduler or templates that happen to be on the same classpath.
        Map<String, Object> ocsp = new HashMap<>(db.properties());
        ocsp.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
                "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration"));
        ocsp.put("eimzo.ocsp.keys.pkcs12-file", data.resolve("keys/ocsp-keys.p12").toString());
        ocsp.put("eimzo.ocsp.keys.password", env("EIMZO_OCSP_KEYSTORE_PASSWORD", ""));
        ConfigurableApplicationContext ocspContext;
        try {
            ocspContext = new SpringApplicationBuilder(ResponderApplication.class)
                    .properties(ocsp).run(ocspArgs.toArray(String[]::new));
        } catch (RuntimeException failed) {
            // Half a system (an RA whose certificates point at a responder that is not there) is worse than none.
            System.err.println("The OCSP responder did not start (" + failed.getMessage() + "); stopping. Its port is "
                    + "EIMZO_OCSP_PORT or --ocsp.server.port=…");
            raContext.close();
            System.exit(1);
            return;
        }

        // The time-stamp authority, likewise its own application (port 8082, actuator 9082 on loopback).
        Map<String, Object> tsa = new HashMap<>(ocsp);
        tsa.remove("eimzo.ocsp.keys.pkcs12-file");
        tsa.remove("eimzo.ocsp.keys.password");
        tsa.put("spring.config.name", TsaApplication.CONFIG_NAME);
        tsa.put("eimzo.tsa.keys.pkcs12-file", data.resolve("keys/tsa-keys.p12").toString());
        tsa.put("eimzo.tsa.keys.password", env("EIMZO_TSA_KEYSTORE_PASSWORD", ""));
        // Time-stamps come from the CA that issues applicants, with a key in its algorithm: GOST-UZ by default, ECDSA
        // with a PKCS#11 token or --eimzo.ra.issuing-ca=demo-issuing (--tsa.eimzo.tsa.ca=… still overrides both).
        String issuing = raContext.getEnvironment().getProperty("eimzo.ra.issuing-ca", "demo-gost-issuing");
        tsa.put("eimzo.tsa.ca", issuing);
        raContext.getBean(CaServices.class).authoritiesDirectory().byName(issuing)
                .ifPresent(ca -> tsa.put("eimzo.tsa.keys.algorithm", ca.keyAlgorithm().name()));
        ConfigurableApplicationContext tsaContext;
        try {
            tsaContext = new SpringApplicationBuilder(TsaApplication.class)
                    .properties(tsa).run(tsaArgs.toArray(String[]::new));
        } catch (RuntimeException failed) {
            System.err.println("The time-stamp authority did not start (" + failed.getMessage() + "); stopping. Its port is "
                    + "EIMZO_TSA_PORT or --tsa.server.port=…");
            ocspContext.close();
            raContext.close();
            System.exit(1);
            return;
        }

        List<String> lines = List.of(
                "",
                "E-IMZO CA is running",
                "  RA/CA web app:      http://localhost:" + raContext.getEnvironment().getProperty("local.server.port", "8080") + "/",
                "  Operators (mTLS):   https://localhost:" + raContext.getEnvironment().getProperty("eimzo.ra.https-port", "8443") + "/ (client certificates from the demo-operators CA)",
                "  OCSP/CRL responder: http://localhost:" + ocspContext.getEnvironment().getProperty("local.server.port", "8081")
                        + "/ocsp (CRLs at /crl/<ca>.crl, CA certificates at /ca/<ca>.crt; its delegated certificate arrives within ~15 s)"
                        + nettyListener(ocspContext),
                issuingCa(raContext, ocspContext),
                "  Time-stamp (TSA):   http://localhost:" + tsaContext.getEnvironment().getProperty("local.server.port", "8082")
                        + "/tsa (RFC 3161, application/timestamp-query; its certificate arrives within ~15 s)"
                        + tsaNettyListener(tsaContext),
                "  Metrics and health: " + management(raContext) + " (RA/CA), " + management(ocspContext)
                        + " (responder), " + management(tsaContext) + " (TSA); loopback only, the public ports answer /actuator/health with the status alone",
                "  Database:           " + db.description(),
                "  Data folder:        " + data,
                "  CA keys:            " + (pkcs11 != null ? "PKCS#11 token (" + pkcs11 + ")" : data.resolve("keys/demo-ca.p12")),
                "  Key passwords:      " + data.resolve("keys") + File.separator + "*.p12" + KeyFiles.PASSWORD_SUFFIX
                        + " (random, made on first start, readable only by you; the EIMZO_*_PASSWORD variables replace them)",
                "  Demo operators:     first passwords in " + data.resolve("demo-operators.txt") + " (created on first start)",
                "Stop with Ctrl+C.",
                "");
        lines.forEach(System.out::println);
    }

    /** The responder's Netty OCSP port when EIMZO_OCSP_NETTY_PORT (or --ocsp.eimzo.ocsp.netty.port) opened one. */
    private static String nettyListener(ConfigurableApplicationContext ocsp) {
        NettyOcspServer netty = ocsp.getBeanProvider(NettyOcspServer.class).getIfAvailable();
        return netty == null ? "" : System.lineSeparator() + "  OCSP on Netty:      http://localhost:" + netty.port()
                + "/ocsp (the same responder and answers, on Netty's HTTP codec)";
    }

    /** The TSA's Netty port when EIMZO_TSA_NETTY_PORT (or --tsa.eimzo.tsa.netty.port) opened one. */
    private static String tsaNettyListener(ConfigurableApplicationContext tsa) {
        NettyTsaServer netty = tsa.getBeanProvider(NettyTsaServer.class).getIfAvailable();
        return netty == null ? "" : System.lineSeparator() + "  TSA on Netty:       http://localhost:" + netty.port()
                + "/tsa (the same tokens, on Netty's HTTP codec: several times Tomcat's rate, docs/tsa.md)";
    }

    /**
     * Which CA issues applicants and where relying parties fetch its CRL and certificate: the GOST-UZ
     * {@code demo-gost-issuing} unless {@code --eimzo.ra.issuing-ca} says otherwise.
     */
    private static String issuingCa(ConfigurableApplicationContext ra, ConfigurableApplicationContext ocsp) {
        String name = ra.getEnvironment().getProperty("eimzo.ra.issuing-ca", "demo-gost-issuing");
        String responder = "http://localhost:" + ocsp.getEnvironment().getProperty("local.server.port", "8081");
        String algorithm = ra.getBean(CaServices.class).authoritiesDirectory().byName(name)
                .map(ca -> ca.keyAlgorithm().name()).orElse("not created");
        return "  Issuing CA:         " + name + " (" + algorithm + "): CRL " + responder + "/crl/" + name + ".crl, certificate "
                + responder + "/ca/" + name + ".crt; " + ("demo-issuing".equals(name)
                ? "GOST-UZ: --eimzo.ra.issuing-ca=demo-gost-issuing" : "ECDSA for standard tools: --eimzo.ra.issuing-ca=demo-issuing");
    }

    /**
     * Adds {@code --property=value} from an environment variable unless the arguments already set the property: a
     * property given twice on the command line would read as "a,b".
     */
    private static void fromEnvironment(List<String> args, String property, String variable) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank() && args.stream().noneMatch(a -> a.startsWith("--" + property + "="))) {
            args.add("--" + property + "=" + value.strip());
        }
    }

    /** Where an application's actuator answers: its own management port (ra.properties 9080, the responder's 9081). */
    private static String management(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        return "http://" + environment.getProperty("management.server.address", "localhost") + ":"
                + environment.getProperty("local.management.port", environment.getProperty("local.server.port")) + "/actuator";
    }

    /** The AES key sealing personal data: from the environment, else made once and kept beside the demo keys. */
    private static String personalDataKey(Path file) throws IOException {
        String configured = System.getenv("EIMZO_PERSONAL_DATA_KEY");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
        }
        return Files.readString(file).strip();
    }

    private record Database(String url, String user, String password, String description) {
        Map<String, Object> properties() {
            return Map.of("spring.datasource.url", url, "spring.datasource.username", user,
                    "spring.datasource.password", password);
        }
    }

    private static Database database(Path data) throws Exception {
        String external = System.getenv("EIMZO_DB_URL");
        if (external != null) {
            return new Database(external, env("EIMZO_DB_USER", "eimzo"), env("EIMZO_DB_PASSWORD", ""),
                    "external " + external);
        }
        int port = Integer.parseInt(env("EIMZO_PG_PORT", "54329"));
        EmbeddedPostgres pg = EmbeddedDatabase.start(data.resolve("postgres"), port,
                Boolean.parseBoolean(env(EmbeddedDatabase.UNSAFE_FAST, "false")), System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }));
        String admin = pg.getJdbcUrl("postgres", "postgres");
        try (Connection c = DriverManager.getConnection(admin)) {
            boolean exists = c.createStatement().executeQuery("select 1 from pg_database where datname = 'eimzo'").next();
            if (!exists) {
                c.createStatement().execute("create database eimzo");
            }
        }
        return new Database(pg.getJdbcUrl("postgres", "eimzo"), "postgres", "postgres",
                "embedded PostgreSQL on port " + port + ", data in " + data.resolve("postgres"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
