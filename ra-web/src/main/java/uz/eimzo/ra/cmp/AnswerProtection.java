package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertOrEncCert;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.CertifiedKeyPair;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIHeaderBuilder;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.x509.Certificates;

import java.io.IOException;
import java.math.BigInteger;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Builds and protects answers: with the client's MAC secret when the request's MAC verified, else signed by the
 * issuing CA's key through {@link AnswerSigner}, in the CA's own algorithm (GOST-UZ included). An error that cannot
 * be protected goes out unprotected (RFC 9483 3.6.4 lets a client accept those), never as an HTTP error.
 */
final class AnswerProtection {

    private static final Logger log = LoggerFactory.getLogger(AnswerProtection.class);
    private static final Provider BC = new BouncyCastleProvider();

    private final CaServices ca;
    private final AnswerSigner signer;
    private final String issuingCa;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AnswerProtection(CaServices ca, AnswerSigner signer, String issuingCa, Clock clock) {
        this.ca = ca;
        this.signer = signer;
        this.issuingCa = issuingCa;
        this.clock = clock;
    }

    CertificateAuthority issuing() {
        return ca.authoritiesDirectory().require(issuingCa);
    }

    PKIMessage certResponse(Exchange exchange, int type, BigInteger certReqId, IssuedCertificate issued,
                            CMPCertificate[] caPubs, boolean implicit) {
        CertResponse response = new CertResponse(new ASN1Integer(certReqId), new PKIStatusInfo(PKIStatus.granted),
                new CertifiedKeyPair(new CertOrEncCert(cmp(issued.certificate()))), null);
        PKIBody body = new PKIBody(type, new CertRepMessage(caPubs, new CertResponse[]{response}));
        return respond(exchange, body, chain(issued.ca()), implicit);
    }

    /** A protected error answer, or an unprotected one when protection itself fails. */
    PKIMessage error(Exchange exchange, int failInfo, String text) {
        PKIBody body = errorBody(failInfo, text);
        try {
            return respond(exchange, body, List.of(), false);
        } catch (RuntimeException unprotectable) {
            log.error("Cannot protect a CMP error answer; sending it unprotected", unprotectable);
            PKIHeader header = exchange.header();
            PKIHeaderBuilder unprotected = new PKIHeaderBuilder(header.getPvno().intValueExact() == 3 ? 3 : PKIHeader.CMP_2000,
                    sender(), header.getSender()).setTransactionID(header.getTransactionID())
                    .setRecipNonce(header.getSenderNonce()).setSenderNonce(nonce());
            return new PKIMessage(unprotected.build(), body);
        }
    }

    /** An error for bytes that are not a PKIMessage at all: no header to answer, so a bare signed error. */
    PKIMessage errorWithoutRequest(String text) {
        PKIBody body = errorBody(PKIFailureInfo.badDataFormat, text);
        GeneralName nobody = new GeneralName(new X500Name(new RDN[0]));
        try {
            CertificateAuthority issuing = issuing();
            ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(PKIHeader.CMP_2000, sender(issuing), nobody)
                    .setMessageTime(Date.from(clock.instant())).setSenderNonce(nonce()).setBody(body);
            return builder.build(signer.signerFor(issuing)).toASN1Structure();
        } catch (CMPException | RuntimeException unprotectable) {
            log.error("Cannot sign a CMP error answer; sending it unprotected", unprotectable);
            return new PKIMessage(new PKIHeaderBuilder(PKIHeader.CMP_2000, sender(), nobody).setSenderNonce(nonce()).build(), body);
        }
    }

    PKIMessage respond(Exchange exchange, PKIBody body, List<X509Certificate> extraCerts, boolean implicit) {
        PKIHeader header = exchange.header();
        CertificateAuthority issuing = issuing();
        int pvno = header.getPvno().intValueExact() == 3 ? 3 : PKIHeader.CMP_2000;
        ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(pvno, sender(issuing), header.getSender())
                .setMessageTime(Date.from(clock.instant()))
                .setSenderNonce(nonce())
                .setBody(body);
        if (header.getTransactionID() != null) {
            builder.setTransactionID(header.getTransactionID().getOctets());
        }
        if (header.getSenderNonce() != null) {
            builder.setRecipNonce(header.getSenderNonce().getOctets());
        }
        if (header.getSenderKID() != null) {
            builder.setRecipKID(header.getSenderKID().getOctets());
        }
        if (implicit) {
            builder.addGeneralInfo(new InfoTypeAndValue(CMPObjectIdentifiers.it_implicitConfirm, DERNull.INSTANCE));
        }
        try {
            if (exchange.macSecret != null) {
                for (X509Certificate certificate : extraCerts) {
                    builder.addCMPCertificate(holder(certificate));
                }
                PKMACBuilder mac = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC))
                        .setParameters(exchange.macParameters);
                return builder.build(mac.build(exchange.macSecret)).toASN1Structure();
            }
            // The protection certificate goes first in extraCerts (RFC 9483 3.3), then the new certificate's chain.
            List<X509Certificate> certificates = new ArrayList<>(chain(issuing));
            for (X509Certificate certificate : extraCerts) {
                if (!certificates.contains(certificate)) {
                    certificates.add(certificate);
                }
            }
            for (X509Certificate certificate : certificates) {
                builder.addCMPCertificate(holder(certificate));
            }
            return builder.build(signer.signerFor(issuing)).toASN1Structure();
        } catch (CMPException | CRMFException e) {
            throw new IllegalStateException("Cannot protect the CMP response", e);
        }
    }

    private static PKIBody errorBody(int failInfo, String text) {
        PKIStatusInfo status = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(text), new PKIFailureInfo(failInfo));
        return new PKIBody(PKIBody.TYPE_ERROR, new ErrorMsgContent(status));
    }

    /** The issuing CA's name, or an empty name when even the directory cannot be read. */
    private GeneralName sender() {
        try {
            return sender(issuing());
        } catch (RuntimeException e) {
            return new GeneralName(new X500Name(new RDN[0]));
        }
    }

    private static GeneralName sender(CertificateAuthority authority) {
        return new GeneralName(X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded()));
    }

    private byte[] nonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return nonce;
    }

    /** The CA's chain: the CA itself, then its parents up to the root. */
    List<X509Certificate> chain(CertificateAuthority authority) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Optional<CertificateAuthority> at = Optional.of(authority); at.isPresent();
             at = at.get().parentId() == null ? Optional.empty() : ca.authoritiesDirectory().byId(at.get().parentId())) {
            chain.add(at.get().certificate());
        }
        return chain;
    }

    X509Certificate root(CertificateAuthority authority) {
        List<X509Certificate> chain = chain(authority);
        return chain.get(chain.size() - 1);
    }

    static CMPCertificate cmp(X509Certificate certificate) {
        return new CMPCertificate(holder(certificate).toASN1Structure());
    }

    static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(Certificates.der(certificate));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encode(PKIMessage message) {
        try {
            return message.getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
