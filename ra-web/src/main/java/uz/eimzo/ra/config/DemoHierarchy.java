package uz.eimzo.ra.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ra.operator.OperatorDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Period;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * On an empty database with {@code eimzo.ca.demo=true}: a demo root and issuing CA, a service centre, one operator
 * per role and an API token. First passwords go to a file readable only by its owner, never to the log.
 */
@Component
@Order(0)
class DemoHierarchy implements ApplicationRunner {

    static final String ROOT = "demo-root";
    static final String ISSUING = "demo-issuing";
    static final String OPERATORS = "demo-operators";
    static final String GOST_ROOT = "demo-gost-root";
    static final String GOST_ISSUING = "demo-gost-issuing";
    private static final Logger log = LoggerFactory.getLogger(DemoHierarchy.class);

    private final CaServices ca;
    private final CaProperties properties;
    private final List<CaKeyStore> storages;
    private final OperatorDirectory operators;
    private final PasswordEncoder passwords;
    private final Environment environment;

    DemoHierarchy(CaServices ca, CaProperties properties, CaSigner signer, OperatorDirectory operators,
                  PasswordEncoder passwords, Environment environment) {
        this.environment = environment;
        this.ca = ca;
        this.properties = properties;
        this.storages = signer.keyStores();
        this.operators = operators;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo() || !ca.authorities().list().isEmpty()) {
            return;
        }
        // An HSM, when configured, is where the demo keys go: that is what the PKCS#11 switch is for.
        CaKeyStore storage = storages.stream().filter(s -> !s.isFile()).findFirst()
                .or(() -> storages.stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("eimzo.ca.demo needs eimzo.ca.pkcs12 or eimzo.ca.pkcs11-config"));
        CertificateAuthority root = ca.authorities().createRoot(ROOT, name("E-IMZO Demo Root CA"), KeyAlgorithm.EC_P384,
                Period.ofYears(20), storage, "demo-bootstrap");
        CertificateAuthority issuing = ca.authorities().createIssuing(ROOT, ISSUING, name("E-IMZO Demo Issuing CA"),
                KeyAlgorithm.EC_P256, Period.ofYears(10), storage, "demo-bootstrap");
        CertificateAuthority operatorCa = ca.authorities().createIssuing(ROOT, OPERATORS, name("E-IMZO Demo Operator CA"),
                KeyAlgorithm.EC_P256, Period.ofYears(10), storage, "demo-bootstrap");
        for (CertificateAuthority authority : List.of(root, issuing, operatorCa)) {
            log.info("Demo CA {}: {} (SHA-256 {}), key {}", authority.name(),
                    authority.certificate().getSubjectX500Principal().getName(),
                    HexFormat.of().formatHex(Certificates.sha256(Certificates.der(authority.certificate()))),
                    authority.keyReference());
        }
        if (properties.demoGost()) {
            createGostHierarchy();
        }
        createCentreAndOperators();
    }

    /** The E-IMZO ecosystem's own algorithm: GOST-UZ keys live in a PKCS#12 file (SunPKCS11 has no GOST-UZ). */
    private void createGostHierarchy() {
        CaKeyStore file = storages.stream().filter(CaKeyStore::isFile).findFirst().orElse(null);
        if (file == null) {
            log.warn("No GOST-UZ demo hierarchy: GOST-UZ keys cannot live on a PKCS#11 token; set eimzo.ca.pkcs12 as well");
            return;
        }
        CertificateAuthority root = ca.authorities().createRoot(GOST_ROOT, name("E-IMZO Demo GOST-UZ Root CA"),
                KeyAlgorithm.GOST_UZ, Period.ofYears(20), file, "demo-bootstrap");
        CertificateAuthority issuing = ca.authorities().createIssuing(GOST_ROOT, GOST_ISSUING,
                name("E-IMZO Demo GOST-UZ Issuing CA"), KeyAlgorithm.GOST_UZ, Period.ofYears(10), file, "demo-bootstrap");
        for (CertificateAuthority authority : List.of(root, issuing)) {
            log.info("Demo GOST-UZ CA {}: {} (SHA-256 {}), key {}", authority.name(),
                    authority.certificate().getSubjectX500Principal().getName(),
                    HexFormat.of().formatHex(Certificates.sha256(Certificates.der(authority.certificate()))),
                    authority.keyReference());
        }
    }

    private void createCentreAndOperators() {
        long centre = operators.createDemoCentre("TSH-DEMO", "Toshkent demo xizmat ko'rsatish markazi", "Toshkent shahri");
        // The port the web server actually listens on (runners run after it started), not the default.
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        StringBuilder credentials = new StringBuilder("""
                # E-IMZO demo operators: first passwords. Sign in at http://localhost:%s/login, leave the code empty,
                # and enrol an authenticator app (TOTP) on the page that follows. Delete this file afterwards.
                """.formatted(port));
        record Demo(String username, String name, EnumSet<Actor.Role> roles) {
        }
        List<Demo> demos = List.of(
                new Demo("admin", "Demo Administrator", EnumSet.of(Actor.Role.ADMINISTRATOR, Actor.Role.SUPERVISOR, Actor.Role.REGISTRAR)),
                new Demo("registrar", "Demo Registrar", EnumSet.of(Actor.Role.REGISTRAR)),
                new Demo("supervisor", "Demo Supervisor", EnumSet.of(Actor.Role.SUPERVISOR)),
                new Demo("auditor", "Demo Auditor", EnumSet.of(Actor.Role.AUDITOR)));
        SecureRandom random = new SecureRandom();
        for (Demo demo : demos) {
            String password = token(random, 12);
            operators.create(centre, demo.username(), demo.name(), demo.roles(), passwords.encode(password));
            credentials.append(demo.username()).append(' ').append(password).append('\n');
        }
        String apiToken = token(random, 32);
        long portal = operators.create(centre, "portal-api", "my.gov.uz portal (API)",
                EnumSet.of(Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR), null);
        operators.createApiToken("demo-portal", portal,
                Certificates.sha256(apiToken.getBytes(StandardCharsets.UTF_8)));
        credentials.append("api-token ").append(apiToken).append('\n');
        Path file = properties.demoCredentials() != null ? properties.demoCredentials() : Path.of("demo-operators.txt");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo credentials to " + file, e);
        }
        log.info("Demo service centre TSH-DEMO with operators admin, registrar, supervisor, auditor; first passwords in {}",
                file.toAbsolutePath());
    }

    private static String token(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static List<DnAttribute> name(String cn) {
        return List.of(new DnAttribute(DnAttribute.CN, cn), new DnAttribute(DnAttribute.O, "E-IMZO Demo Markazi"),
                new DnAttribute(DnAttribute.C, "UZ"));
    }
}
