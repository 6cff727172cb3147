package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each way a TimeStampReq can be wrong, and the failure bit it earns (RFC 3161 2.4.2). */
class TimeStampRequestsTest {

    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.2.3.4.1");
    static final ASN1ObjectIdentifier OTHER = new ASN1ObjectIdentifier("1.2.3.4.2");
    final TimeStampRequests requests = new TimeStampRequests(1024, POLICY, Set.of(POLICY, OTHER));

    @Test
    void aSoundSha256RequestTakesTheDefaultPolicyAndKeepsNonceAndCertReq() throws Exception {
        StampQuery query = requests.parse(request(1, NISTObjectIdentifiers.id_sha256, new byte[32], null, BigInteger.TEN, true));
        assertThat(query.algorithm()).isEqualTo(ImprintAlgorithm.SHA256);
        assertThat(query.policy()).isEqualTo(POLICY);
        assertThat(query.nonce()).isEqualTo(BigInteger.TEN);
        assertThat(query.certReq()).isTrue();
    }

    @Test
    void anotherServedPolicyIsHonoured() throws Exception {
        assertThat(requests.parse(request(1, NISTObjectIdentifiers.id_sha384, new byte[48], OTHER, null, false)).policy())
                .isEqualTo(OTHER);
    }

    @Test
    void theNationalHashIsAccepted() throws Exception {
        assertThat(requests.parse(request(1, ImprintAlgorithm.UZDST1106.oid(), new byte[32], null, null, false))
                .algorithm()).isEqualTo(ImprintAlgorithm.UZDST1106);
    }

    @Test
    void garbageIsBadDataFormat() {
        assertThat(refusal(new byte[]{0x30, 0x03, 0x02, 0x01})).isEqualTo(Refusal.BAD_DATA_FORMAT);
        assertThat(refusal("hello".getBytes())).isEqualTo(Refusal.BAD_DATA_FORMAT);
        assertThat(refusal(new byte[0])).isEqualTo(Refusal.BAD_DATA_FORMAT);
    }

    @Test
    void anOverSizeBodyIsBadDataFormatBeforeParsing() {
        assertThat(refusal(new byte[1025])).isEqualTo(Refusal.BAD_DATA_FORMAT);
    }

    @Test
    void trailingBytesAfterTheRequestAreBadDataFormat() {
        byte[] sound = request(1, NISTObjectIdentifiers.id_sha256, new byte[32], null, null, false);
        byte[] trailing = java.util.Arrays.copyOf(sound, sound.length + 1);
        assertThat(refusal(trailing)).isEqualTo(Refusal.BAD_DATA_FORMAT);
    }

    @Test
    void aWrongVersionIsBadRequest() {
        assertThat(refusal(request(2, NISTObjectIdentifiers.id_sha256, new byte[32], null, null, false)))
                .isEqualTo(Refusal.BAD_REQUEST);
    }

    @Test
    void anUnknownOrWeakHashIsBadAlg() {
        assertThat(refusal(request(1, new ASN1ObjectIdentifier("1.3.14.3.2.26"), new byte[20], null, null, false)))
                .as("SHA-1").isEqualTo(Refusal.BAD_ALG);
        assertThat(refusal(request(1, new ASN1ObjectIdentifier("1.2.3.4.5.6"), new byte[32], null, null, false)))
                .isEqualTo(Refusal.BAD_ALG);
    }

    @Test
    void anImprintOfTheWrongLengthIsBadDataFormat() {
        assertThat(refusal(request(1, NISTObjectIdentifiers.id_sha256, new byte[31], null, null, false)))
                .isEqualTo(Refusal.BAD_DATA_FORMAT);
        assertThat(refusal(request(1, NISTObjectIdentifiers.id_sha512, new byte[32], null, null, false)))
                .isEqualTo(Refusal.BAD_DATA_FORMAT);
    }

    @Test
    void aPolicyNotServedIsUnacceptedPolicy() {
        assertThat(refusal(request(1, NISTObjectIdentifiers.id_sha256, new byte[32], new ASN1ObjectIdentifier("1.9"),
                null, false))).isEqualTo(Refusal.UNACCEPTED_POLICY);
    }

    private Refusal refusal(byte[] body) {
        RefusedRequestException refused = catchThrowableOfType(RefusedRequestException.class, () -> requests.parse(body));
        assertThat(refused).as("refused").isNotNull();
        return refused.refusal();
    }

    /** A TimeStampReq written field by field, so that wrong versions and lengths can be written at all. */
    static byte[] request(int version, ASN1ObjectIdentifier hash, byte[] imprint, ASN1ObjectIdentifier policy,
                          BigInteger nonce, boolean certReq) {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new ASN1Integer(version));
        fields.add(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[]{new AlgorithmIdentifier(hash),
                new DEROctetString(imprint)}));
        if (policy != null) {
            fields.add(policy);
        }
        if (nonce != null) {
            fields.add(new ASN1Integer(nonce));
        }
        if (certReq) {
            fields.add(ASN1Boolean.TRUE);
        }
        try {
            return new DERSequence(fields).getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
