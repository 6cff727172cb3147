package uz.eimzo.ra.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;

import java.time.Period;
import java.util.HexFormat;
import java.util.List;

/** On an empty database with {@code eimzo.ca.demo=true}, creates a demo root and issuing CA with PKCS#12 keys. */
@Component
class DemoHierarchy implements ApplicationRunner {

    static final String ROOT = "demo-root";
    static final String ISSUING = "demo-issuing";
    private static final Logger log = LoggerFactory.getLogger(DemoHierarchy.class);

    private final CaServices ca;
    private final CaProperties properties;
    private final List<KeyStorage> storages;

    DemoHierarchy(CaServices ca, CaProperties properties, List<KeyStorage> storages) {
        this.ca = ca;
        this.properties = properties;
        this.storages = storages;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo() || !ca.authorities().list().isEmpty()) {
            return;
        }
        // An HSM, when configured, is where the demo keys go: that is what the PKCS#11 switch is for.
        KeyStorage storage = storages.stream().filter(s -> !(s instanceof Pkcs12KeyStorage)).findFirst()
                .or(() -> storages.stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("eimzo.ca.demo needs eimzo.ca.pkcs12 or eimzo.ca.pkcs11-config"));
        CertificateAuthority root = ca.authorities().createRoot(ROOT, name("E-IMZO Demo Root CA"), KeyAlgorithm.EC_P384,
                Period.ofYears(20), storage, "demo-bootstrap");
        CertificateAuthority issuing = ca.authorities().createIssuing(ROOT, ISSUING, name("E-IMZO Demo Issuing CA"),
                KeyAlgorithm.EC_P256, Period.ofYears(10), storage, "demo-bootstrap");
        for (CertificateAuthority authority : List.of(root, issuing)) {
            log.info("Demo CA {}: {} (SHA-256 {}), key {}", authority.name(),
                    authority.certificate().getSubjectX500Principal().getName(),
                    HexFormat.of().formatHex(Certificates.sha256(Certificates.der(authority.certificate()))),
                    authority.keyReference());
        }
    }

    private static List<DnAttribute> name(String cn) {
        return List.of(new DnAttribute(DnAttribute.CN, cn), new DnAttribute(DnAttribute.O, "E-IMZO Demo Markazi"),
                new DnAttribute(DnAttribute.C, "UZ"));
    }
}
