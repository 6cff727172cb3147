package uz.eimzo.ra.gost;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.IdentityChangedException;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.issuance.ExternalCrls;
import uz.eimzo.ca.issuance.IssuanceException;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.reminders.ExpiryReminders;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.ca.x509.Names;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A holder migrating from a recognised external CA through self-service: before renewal the external CA's CRL (named
 * by the certificate's distribution point and served here by a local HTTP server, or a file the centre configured) is
 * consulted, a revoked certificate is refused and an unreachable CRL refuses for now; a holder who renews becomes an
 * applicant of this centre with the e-mail address given, whom the expiry reminders job then finds.
 */
class ExternalHolderRecordAndCrlTest extends GostRaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    Registrations registrations;

    KeyPair externalCaKey;
    X500Name externalCaName;
    String externalCa;
    HttpServer crlServer;
    final AtomicInteger crlFetches = new AtomicInteger();
    volatile byte[] servedCrl = new byte[0];

    @BeforeEach
    void externalCaWithItsCrlServer() throws Exception {
        externalCaKey = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        externalCaName = new X500Name("CN=Incumbent E-IMZO CA " + UUID.randomUUID() + ",C=UZ");
        Instant now = Instant.now();
        X509Certificate root = Certificates.parse(new JcaX509v3CertificateBuilder(externalCaName, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(400))), Date.from(now.plus(Duration.ofDays(3000))), externalCaName,
                externalCaKey.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new KeyContentSigner(InMemorySigningKey.of(externalCaKey))).getEncoded());
        externalCa = "incumbent-" + UUID.randomUUID().toString().substring(0, 8);
        ca.authorities().recognise(externalCa, root, "test");
        crlServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crlServer.createContext("/incumbent.crl", exchange -> {
            crlFetches.incrementAndGet();
            byte[] body = servedCrl;
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        crlServer.start();
    }

    @AfterEach
    void stopCrlServer() {
        crlServer.stop(0);
    }

    private String crlUrl() {
        return "http://127.0.0.1:" + crlServer.getAddress().getPort() + "/incumbent.crl";
    }

    /** The incumbent's CRL, signed with its GOST-UZ key, listing {@code revoked}. */
    private byte[] crlListing(BigInteger... revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(externalCaName, Date.from(now.minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(30))), CRLReason.keyCompromise);
        }
        return builder.build(new KeyContentSigner(InMemorySigningKey.of(externalCaKey))).getEncoded();
    }

    /** A holder's certificate as the incumbent issued it, naming {@code crl} as its CRL distribution point. */
    private X509Certificate holderCertificate(KeyPair holder, String crl) throws Exception {
        X500Name subject = X500Name.getInstance(Names.principal(List.of(new DnAttribute(DnAttribute.CN, "KARIMOV JASUR"),
                new DnAttribute(DnAttribute.NAME, "JASUR"), new DnAttribute(DnAttribute.SURNAME, "KARIMOV"),
                new DnAttribute(DnAttribute.L, "Yunusobod tumani"), new DnAttribute(DnAttribute.ST, "Toshkent shahri"),
                new DnAttribute(DnAttribute.C, "UZ"), new DnAttribute(DnAttribute.PINFL, new Pinfl(Operators.pinfl()).value())))
                .getEncoded());
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(externalCaName, BigInteger.valueOf(RANDOM.nextLong(1, Long.MAX_VALUE)),
                Date.from(now.minus(Duration.ofDays(345))), Date.from(now.plus(Duration.ofDays(20))), subject,
                holder.getPublic());
        if (crl != null) {
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                    new DistributionPoint(new DistributionPointName(new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, crl))), null, null)}));
        }
        return Certificates.parse(builder.build(new KeyContentSigner(InMemorySigningKey.of(externalCaKey))).getEncoded());
    }

    private String renewWithServerKey(KeyPair holder, X509Certificate current, String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        String challenge = mvc.perform(get("/self-service/challenge.txt").session(session)).andReturn().getResponse()
                .getContentAsString();
        var request = multipart("/self-service/renew-server-key").param("signatureText",
                GostChallenges.sign(challenge, holder, current)).param("lang", "en").session(session).with(csrf());
        if (email != null) {
            request.param("email", email);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long certificates() {
        return jdbc.sql("select count(*) from certificate").query(Long.class).single();
    }

    private boolean claimed(X509Certificate external) {
        return jdbc.sql("select count(*) from external_renewal where cert_sha256 = ?")
                .param(Certificates.sha256(Certificates.der(external))).query(Long.class).single() > 0;
    }

    @Test
    void aHolderWhoseCertificateTheIncumbentsCrlListsIsRefusedAndNothingIsIssued() throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = holderCertificate(holder, crlUrl());
        servedCrl = crlListing(BigInteger.valueOf(7), current.getSerialNumber());
        long before = certificates();

        String page = renewWithServerKey(holder, current, "jasur@example.uz");

        assertThat(page).contains("This certificate was revoked by the centre that issued it")
                .doesNotContain("id=\"pfx-download\"");
        assertThat(crlFetches.get()).isPositive();
        assertThat(certificates()).isEqualTo(before);
        assertThat(claimed(current)).isFalse();
        assertThat(jdbc.sql("select count(*) from audit_event where outcome = 'FAILURE' and target = ?"
                + " and details ->> 'code' = 'external.revoked'").param(externalCa).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aHolderNotOnTheCrlRenewsAndBecomesAnApplicantTheRemindersJobReaches() throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = holderCertificate(holder, crlUrl());
        servedCrl = crlListing(BigInteger.valueOf(7));
        String email = "migrated-" + UUID.randomUUID() + "@example.uz";

        String page = renewWithServerKey(holder, current, email);

        assertThat(page).contains("id=\"pfx-download\"");
        assertThat(crlFetches.get()).isPositive();
        String serial = page.replaceAll("(?s).*id=\"new-serial\">([0-9a-f]+)<.*", "$1");
        BigInteger renewed = new BigInteger(serial, 16);
        var applicant = jdbc.sql("""
                        select a.email, a.registered_by, a.surname, a.given_name, a.region, a.district from certificate c
                        join applicant a on a.id = c.applicant_id where c.serial = ?""").param(new BigDecimal(renewed))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).single();
        assertThat(applicant).containsExactly(email, "EXTERNAL_RENEWAL", "KARIMOV", "JASUR", "Toshkent shahri", "Yunusobod tumani");

        Instant notAfter = jdbc.sql("select not_after from certificate where serial = ?").param(new BigDecimal(renewed))
                .query(java.sql.Timestamp.class).single().toInstant();
        Clock fiveDaysBefore = Clock.fixed(notAfter.minus(Duration.ofDays(5)), java.time.ZoneOffset.UTC);
        assertThat(new ExpiryReminders(jdbc, fiveDaysBefore).due())
                .anySatisfy(r -> {
                    assertThat(r.serial()).isEqualTo(renewed);
                    assertThat(r.email()).isEqualTo(email);
                    assertThat(r.daysBefore()).isEqualTo(7);
                });
    }

    @Test
    void aMigratedHolderWhoVisitsACentreHasTheirDocumentRecordedAsAConfirmedChangeOfIdentity() throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = holderCertificate(holder, null);
        assertThat(renewWithServerKey(holder, current, null)).contains("id=\"pfx-download\"");
        String pinfl = Names.of(current.getSubjectX500Principal()).stream().filter(a -> a.oid().equals(DnAttribute.PINFL))
                .findFirst().orElseThrow().value();
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        ApplicantForm form = new ApplicantForm(ApplicantType.INDIVIDUAL, "Karimov", "Jasur", null, LocalDate.of(1990, 3, 15),
                "M", pinfl, IdentityDocument.Type.PASSPORT, "AB7654321", null, "Toshkent shahri", "Yunusobod tumani",
                "+998901234567", null, null, null, null, null, false, null);

        assertThatThrownBy(() -> registrations.register(registrar, form, UUID.randomUUID(), true))
                .isInstanceOfSatisfying(IdentityChangedException.class, e -> assertThat(e.differences())
                        .extracting(IdentityChangedException.Difference::field).contains("documentType", "documentNumber"));
        registrations.register(registrar, form, UUID.randomUUID(), true, true);

        assertThat(jdbc.sql("select document_type from applicant where pinfl = ?").param(pinfl).query(String.class).single())
                .isEqualTo("PASSPORT");
    }

    @Test
    void anUnreachableCrlRefusesTheRenewalForNow() throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        X509Certificate current = holderCertificate(holder, "http://127.0.0.1:" + closed + "/incumbent.crl");
        long before = certificates();

        String page = renewWithServerKey(holder, current, null);

        assertThat(page).contains("cannot be checked now").doesNotContain("id=\"pfx-download\"");
        assertThat(certificates()).isEqualTo(before);
        assertThat(claimed(current)).isFalse();
    }

    @Test
    void aCrlSignedByAnotherKeyIsNotBelievedEitherWay() throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = holderCertificate(holder, crlUrl());
        KeyPair genuine = externalCaKey;
        externalCaKey = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        servedCrl = crlListing();
        externalCaKey = genuine;

        String page = renewWithServerKey(holder, current, null);

        assertThat(page).contains("cannot be checked now").doesNotContain("id=\"pfx-download\"");
    }

    @Test
    void aCrlFileTheCentreConfiguredForTheRecognisedCaIsChecked(@TempDir Path directory) throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = holderCertificate(holder, null);
        Path file = directory.resolve("incumbent.crl");
        Files.write(file, crlListing(current.getSerialNumber()));
        ExternalCrls configured = new ExternalCrls(Map.of(externalCa, file.toString()), false, Duration.ofSeconds(5),
                Clock.systemUTC());

        assertThatThrownBy(() -> ca.issuer().externalRenewals(configured).renew("demo-gost-issuing", current,
                KeyAlgorithm.GOST_UZ.generate(RANDOM).getPublic(), "test"))
                .isInstanceOfSatisfying(IssuanceException.class, e -> assertThat(e.code()).isEqualTo("external.revoked"));
        assertThat(claimed(current)).isFalse();
    }
}
