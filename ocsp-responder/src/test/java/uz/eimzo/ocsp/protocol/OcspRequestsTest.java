package uz.eimzo.ocsp.protocol;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request parsing: RFC 9654 nonce bounds and strict DER. */
class OcspRequestsTest {

    private static byte[] request(Integer nonceLength) throws Exception {
        CertificateID id = new CertificateID(new org.bouncycastle.asn1.ocsp.CertID(
                new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), new DEROctetString(new byte[20]),
                new DEROctetString(new byte[20]), new org.bouncycastle.asn1.ASN1Integer(BigInteger.valueOf(42))));
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
        if (nonceLength != null) {
            builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new DEROctetString(new byte[nonceLength]).getEncoded()))));
        }
        return builder.build().getEncoded();
    }

    @Test
    void nonceOfOneToOneHundredTwentyEightOctetsIsAccepted() throws Exception {
        assertThat(OcspRequests.parse(request(1)).nonce()).isNotNull();
        assertThat(OcspRequests.parse(request(128)).nonce()).isNotNull();
    }

    @Test
    void nonceLongerThanOneHundredTwentyEightOctetsIsMalformed() throws Exception {
        byte[] request = request(129);
        assertThatThrownBy(() -> OcspRequests.parse(request)).isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("RFC 9654");
    }

    @Test
    void emptyNonceIsMalformed() throws Exception {
        byte[] request = request(0);
        assertThatThrownBy(() -> OcspRequests.parse(request)).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void trailingBytesAfterTheRequestAreMalformed() throws Exception {
        byte[] request = request(null);
        byte[] padded = java.util.Arrays.copyOf(request, request.length + 3);
        assertThatThrownBy(() -> OcspRequests.parse(padded)).isInstanceOf(MalformedRequestException.class);
        assertThat(OcspRequests.parse(request).certificates()).hasSize(1);
    }
}
