package uz.eimzo.ca.crl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.Certificates;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrlIssuerTest {

    TestCa ca;
    CrlIssuer crls;
    DataSource dataSource;
    Path directory;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path directory) {
        this.dataSource = dataSource;
        this.directory = directory;
        ca = TestCa.create(dataSource, directory);
        crls = new CrlIssuer(dataSource, new CaSigner(List.of(ca.storage)), CrlSchedule.defaults(), new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
    }

    private IssuedCertificate issue() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        return ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                key.getPublic(), "registrar", RegistrationIds.NONE));
    }

    @Test
    void fullCrlListsRevokedCertificatesWithReasonAndInvalidityDateAndIsSignedByTheCa() throws Exception {
        IssuedCertificate revoked = issue();
        Instant compromised = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ca.services.revocations().revoke(TestCa.ISSUING, revoked.serial(), RevocationReason.KEY_COMPROMISE, compromised, "registrar");
        IssuedCertificate good = issue();

        X509CRL crl = crls.issueFull(TestCa.ISSUING, "crl-test").x509();

        crl.verify(ca.issuing.certificate().getPublicKey());
        X509CRLEntry entry = crl.getRevokedCertificate(revoked.serial());
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        assertThat(entry.getExtensionValue("2.5.29.24")).as("invalidityDate").isNotNull();
        assertThat(crl.getRevokedCertificate(good.serial())).isNull();
    }

    @Test
    void suspendedCertificateIsListedOnHoldAndRestoredOneAsRemoveFromCrlInTheNextDelta() {
        IssuedCertificate held = issue();
        ca.services.revocations().suspend(TestCa.ISSUING, held.serial(), "registrar");
        X509CRL full = crls.issueFull(TestCa.ISSUING, "crl-test").x509();
        assertThat(full.getRevokedCertificate(held.serial()).getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.CERTIFICATE_HOLD);

        ca.services.revocations().restore(TestCa.ISSUING, held.serial(), "registrar");
        IssuedCrl delta = crls.issueDelta(TestCa.ISSUING, "crl-test");

        assertThat(delta.x509().getRevokedCertificate(held.serial()).getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.REMOVE_FROM_CRL);
        assertThat(crls.issueFull(TestCa.ISSUING, "crl-test").x509().getRevokedCertificate(held.serial())).isNull();
    }

    @Test
    void deltaCrlListsOnlyChangesSinceItsBaseAndNamesTheBase() {
        IssuedCertificate before = issue();
        ca.services.revocations().revoke(TestCa.ISSUING, before.serial(), RevocationReason.SUPERSEDED, null, "registrar");
        IssuedCrl base = crls.issueFull(TestCa.ISSUING, "crl-test");
        IssuedCertificate after = issue();
        ca.services.revocations().revoke(TestCa.ISSUING, after.serial(), RevocationReason.AFFILIATION_CHANGED, null, "registrar");

        IssuedCrl delta = crls.issueDelta(TestCa.ISSUING, "crl-test");

        assertThat(delta.baseCrlNumber()).isEqualTo(base.crlNumber());
        assertThat(delta.x509().getRevokedCertificate(after.serial())).isNotNull();
        assertThat(delta.x509().getRevokedCertificate(before.serial())).isNull();
        assertThat(delta.x509().getCriticalExtensionOIDs()).contains("2.5.29.27"); // deltaCRLIndicator
    }

    @Test
    void crlNumbersStrictlyIncreaseEvenWhenTwoNodesIssueAtOnce() throws Exception {
        crls.issueFull(TestCa.ISSUING, "crl-test");
        // Two issuers on separate pools behave as two CA nodes would.
        CrlIssuer otherNode = new CrlIssuer(dataSource, new CaSigner(List.of(ca.storage)), CrlSchedule.defaults(), new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<IssuedCrl>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CrlIssuer node = i % 2 == 0 ? crls : otherNode;
            boolean delta = i % 3 == 0;
            futures.add(pool.submit(() -> delta ? node.issueDelta(TestCa.ISSUING, "node") : node.issueFull(TestCa.ISSUING, "node")));
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (Future<IssuedCrl> future : futures) {
            numbers.add(future.get(60, TimeUnit.SECONDS).crlNumber());
        }
        pool.shutdown();
        assertThat(numbers).doesNotHaveDuplicates().hasSize(8);
        // A higher number never carries older content: thisUpdate and the revision covered grow with the number.
        List<java.sql.Timestamp> thisUpdates = ca.jdbc.sql("select this_update from crl where ca_id = ? order by crl_number")
                .param(ca.issuing.id()).query(java.sql.Timestamp.class).list();
        List<Long> revisions = ca.jdbc.sql("select max_revision from crl where ca_id = ? order by crl_number")
                .param(ca.issuing.id()).query(Long.class).list();
        assertThat(thisUpdates).isSorted();
        assertThat(revisions).isSorted();
        X509CRL latest = CrlEncoderAccess.parse(crls.latest(TestCa.ISSUING, false).orElseThrow());
        assertThat(latest.getExtensionValue("2.5.29.20")).isNotNull();
    }

    @Test
    void opensslVerifyWithCrlCheckAcceptsAGoodCertificateAndRejectsARevokedOne() throws Exception {
        IssuedCertificate good = issue();
        IssuedCertificate revoked = issue();
        ca.services.revocations().revoke(TestCa.ISSUING, revoked.serial(), RevocationReason.KEY_COMPROMISE, null, "registrar");
        Path issuingCrl = pemCrl("issuing.crl.pem", crls.issueFull(TestCa.ISSUING, "crl-test").der());
        Path rootCrl = pemCrl("root.crl.pem", crls.issueFull(TestCa.ROOT, "crl-test").der());
        Path chain = pem("chain.pem", ca.issuing.certificate(), ca.root.certificate());

        String goodResult = openssl("verify", "-crl_check", "-CAfile", chain.toString(), "-CRLfile", issuingCrl.toString(),
                pem("good.pem", good.certificate()).toString());
        String revokedResult = openssl("verify", "-crl_check", "-CAfile", chain.toString(), "-CRLfile", issuingCrl.toString(),
                pem("revoked.pem", revoked.certificate()).toString());
        String allResult = openssl("verify", "-crl_check_all", "-CAfile", chain.toString(), "-CRLfile", issuingCrl.toString(),
                "-CRLfile", rootCrl.toString(), pem("good-all.pem", good.certificate()).toString());

        assertThat(goodResult).contains(": OK");
        assertThat(revokedResult).contains("certificate revoked").doesNotContain(": OK");
        assertThat(allResult).contains(": OK");
    }

    @Test
    void opensslUsesDeltaCrlsToSeeARevocationAfterTheFullCrl() throws Exception {
        IssuedCertificate certificate = issue();
        Path full = pemCrl("base.crl.pem", crls.issueFull(TestCa.ISSUING, "crl-test").der());
        ca.services.revocations().revoke(TestCa.ISSUING, certificate.serial(), RevocationReason.KEY_COMPROMISE, null, "registrar");
        Path delta = pemCrl("delta.crl.pem", crls.issueDelta(TestCa.ISSUING, "crl-test").der());
        Path chain = pem("chain-delta.pem", ca.issuing.certificate(), ca.root.certificate());
        Path leaf = pem("delta-leaf.pem", certificate.certificate());

        assertThat(openssl("verify", "-crl_check", "-CAfile", chain.toString(), "-CRLfile", full.toString(), leaf.toString()))
                .contains(": OK");
        assertThat(openssl("verify", "-crl_check", "-use_deltas", "-CAfile", chain.toString(), "-CRLfile", full.toString(),
                "-CRLfile", delta.toString(), leaf.toString())).contains("certificate revoked");
    }

    @Test
    void javaPkixRevocationCheckerRejectsACertificateOnOurCrl() throws Exception {
        IssuedCertificate revoked = issue();
        ca.services.revocations().revoke(TestCa.ISSUING, revoked.serial(), RevocationReason.PRIVILEGE_WITHDRAWN, null, "registrar");
        X509CRL crl = crls.issueFull(TestCa.ISSUING, "crl-test").x509();
        IssuedCertificate good = issue();

        assertThatThrownBy(() -> validateWithCrl(revoked.certificate(), crl)).isInstanceOf(CertPathValidatorException.class)
                .satisfies(e -> assertThat(((CertPathValidatorException) e).getReason())
                        .isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
        validateWithCrl(good.certificate(), crls.issueFull(TestCa.ISSUING, "crl-test").x509());
    }

    private void validateWithCrl(X509Certificate leaf, X509CRL crl) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.root.certificate(), null)));
        parameters.addCertPathChecker(checker);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, ca.issuing.certificate())),
                parameters);
    }

    private Path pem(String name, X509Certificate... certificates) throws IOException {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            text.append(Certificates.pem(certificate));
        }
        return Files.writeString(directory.resolve(name), text);
    }

    private Path pemCrl(String name, byte[] der) throws IOException {
        return Files.writeString(directory.resolve(name), "-----BEGIN X509 CRL-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END X509 CRL-----\n");
    }

    private static String openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }

    /** Reads a stored CRL the way a relying party would. */
    static final class CrlEncoderAccess {
        static X509CRL parse(byte[] der) {
            return uz.eimzo.ca.x509.CrlEncoder.parse(der);
        }
    }
}
