package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import uz.eimzo.tsa.signing.TsaSigner;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.KeyContentSigner;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread's token generator is made once and reused: each token it makes must be signed over its own signed
 * attributes alone (the signer's buffer and the digest emptied between tokens), carry its own imprint and serial, and
 * name the policy its request asked for.
 */
class TokenGeneratorsTest {

    private static final ASN1ObjectIdentifier DEFAULT_POLICY = new ASN1ObjectIdentifier("1.2.3.4.1");
    private static final ASN1ObjectIdentifier OTHER_POLICY = new ASN1ObjectIdentifier("1.2.3.4.2");

    @Test
    void successiveTokensOfOneThreadEachVerifyOnTheirOwn() throws Exception {
        InMemorySigningKey key = InMemorySigningKey.generate(KeyAlgorithm.EC_P256);
        X500Name name = new X500Name("CN=Test TSA,C=UZ");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.TEN, Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)),
                name, key.publicKey()).addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping)).build(new KeyContentSigner(key)));
        TsaSigner tsaKey = new TsaSigner("tsa", key, certificate);
        TokenGenerators generators = new TokenGenerators(Duration.ofSeconds(1));
        TimeStampRequests requests = new TimeStampRequests(16384, DEFAULT_POLICY, Set.of(DEFAULT_POLICY, OTHER_POLICY));
        Set<BigInteger> serials = new HashSet<>();

        for (int i = 0; i < 5; i++) {
            byte[] imprint = new byte[32];
            imprint[0] = (byte) i;
            TimeStampRequestGenerator request = new TimeStampRequestGenerator();
            if (i >= 3) {
                request.setReqPolicy(OTHER_POLICY);
            }
            TimeStampRequest sent = request.generate(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), imprint);
            StampQuery query = requests.parse(sent.getEncoded());

            TimeStampToken token = new TimeStampResponse(TimeStampReplies.grant(generators, query, tsaKey,
                    BigInteger.valueOf(100 + i), Instant.now())).getTimeStampToken();

            SignerInformation signer = token.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))).as("token %d", i).isTrue();
            assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
            assertThat(token.getTimeStampInfo().getPolicy()).isEqualTo(i >= 3 ? OTHER_POLICY : DEFAULT_POLICY);
            serials.add(token.getTimeStampInfo().getSerialNumber());
        }
        assertThat(serials).hasSize(5);
    }
}
