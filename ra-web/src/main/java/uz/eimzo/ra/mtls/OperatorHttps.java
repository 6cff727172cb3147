package uz.eimzo.ra.mtls;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.ServiceProfile;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyFiles;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ra.config.RaProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Period;
import java.util.List;

/**
 * Opens the operators' HTTPS port, where an operator may sign in with a client certificate from the operator CA.
 * Added to Tomcat after start-up because its certificate comes from a CA the demo bootstrap may only now have made.
 */
@Component
@Order(10)
class OperatorHttps implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorHttps.class);

    private final RaProperties properties;
    private final CaServices ca;
    private final ServletWebServerApplicationContext context;
    private volatile int port = -1;

    OperatorHttps(RaProperties properties, CaServices ca, ServletWebServerApplicationContext context) {
        this.properties = properties;
        this.ca = ca;
        this.context = context;
    }

    /** The port actually listening, or -1 when the HTTPS port is disabled. */
    int port() {
        return port;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (properties.httpsPort() < 0 || properties.tlsKeystore() == null) {
            return;
        }
        CertificateAuthority operatorCa = ca.authoritiesDirectory().byName(properties.operatorCa()).orElse(null);
        if (operatorCa == null) {
            log.warn("No operator CA named {}: the HTTPS port with client certificates stays closed", properties.operatorCa());
            return;
        }
        Path keystore = properties.tlsKeystore();
        char[] password = KeyFiles.password(keystore, properties.tlsKeystorePassword());
        if (!Files.exists(keystore)) {
            writeServerKeystore(operatorCa, keystore, password);
        }
        Path truststore = keystore.resolveSibling("operator-trust.p12");
        writeTruststore(operatorCa, truststore, password);

        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(properties.httpsPort());
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig tls = new SSLHostConfig();
        // "optional": operators without a certificate still reach the password sign-in on this port.
        tls.setCertificateVerification("optional");
        tls.setTruststoreFile(truststore.toString());
        tls.setTruststorePassword(String.valueOf(password));
        tls.setTruststoreType("PKCS12");
        tls.setProtocols("TLSv1.2+TLSv1.3");
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keystore.toString());
        certificate.setCertificateKeystorePassword(String.valueOf(password));
        certificate.setCertificateKeystoreType("PKCS12");
        tls.addCertificate(certificate);
        connector.addSslHostConfig(tls);
        ((TomcatWebServer) context.getWebServer()).getTomcat().getService().addConnector(connector);
        port = connector.getLocalPort();
        log.info("Operators' HTTPS port {} open (client certificates from CA {})", port, operatorCa.name());
    }

    private void writeServerKeystore(CertificateAuthority operatorCa, Path file, char[] password)
            throws IOException, GeneralSecurityException {
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate issued = ca.issuer().issueService(operatorCa.name(), ServiceProfile.TLS_SERVER,
                List.of(new DnAttribute(DnAttribute.CN, "localhost"), new DnAttribute(DnAttribute.C, "UZ")),
                List.of("localhost"), key.getPublic(), Period.ofDays(397), "tls-bootstrap");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", key.getPrivate(), password, ca.issuer().chainOf(issued).toArray(Certificate[]::new));
        KeyFiles.write(file, out -> store.store(out, password));
    }

    private static void writeTruststore(CertificateAuthority operatorCa, Path file, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("operator-ca", operatorCa.certificate());
        KeyFiles.write(file, out -> store.store(out, password));
    }
}
