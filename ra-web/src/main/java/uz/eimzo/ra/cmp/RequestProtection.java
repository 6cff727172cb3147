package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.x509.Certificates;

import java.io.IOException;
import java.security.Provider;
import java.util.Arrays;

/**
 * Checks a request's protection: a password-based MAC (RFC 4210 5.1.3.1) within the iteration bound, or a signature
 * by a certificate this CA issued. Every failed check is counted per sender and per client address, and a client
 * over the limit is refused before any MAC or signature is computed for it.
 */
final class RequestProtection {

    private static final Provider BC = new BouncyCastleProvider();

    /** The certificate that signed a request, as this CA issued and stored it. */
    record Signer(CertificateAuthority ca, CertificateRecord record, X509CertificateHolder holder) {
    }

    private final CaServices ca;
    private final int maxIterations;
    private final ProtectionFailures failures;

    RequestProtection(CaServices ca, int maxIterations, ProtectionFailures failures) {
        this.ca = ca;
        this.maxIterations = maxIterations;
        this.failures = failures;
    }

    /** The request as a protected message; refuses unprotected ones and clients over their failure limit. */
    ProtectedPKIMessage protectedMessage(Exchange exchange) {
        PKIMessage message = exchange.request;
        if (failures.blocked(exchange.throttleKeys())) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized, "Too many requests from this client failed their "
                    + "protection check; try again in " + failures.window().toMinutes() + " minutes");
        }
        if (message.getProtection() == null || message.getHeader().getProtectionAlg() == null) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "The request is not protected");
        }
        return new ProtectedPKIMessage(new GeneralPKIMessage(message));
    }

    /**
     * Refuses MAC parameters the server will not compute (another algorithm, more iterations than the bound) before
     * any secret is looked up: the iteration count is the client's choice, so it is the client's lever on our work.
     */
    PBMParameter acceptableMacParameters(Exchange exchange, ProtectedPKIMessage message) {
        AlgorithmIdentifier algorithm = message.getProtectionAlgorithm();
        if (!CMPObjectIdentifiers.passwordBasedMac.equals(algorithm.getAlgorithm())) {
            throw refused(exchange, PKIFailureInfo.badAlg, "Only the password-based MAC (1.2.840.113533.7.66.13) is accepted");
        }
        PBMParameter parameters;
        try {
            parameters = PBMParameter.getInstance(algorithm.getParameters());
            parameters.getIterationCount().getValue();
        } catch (RuntimeException malformed) {
            throw refused(exchange, PKIFailureInfo.badMessageCheck | PKIFailureInfo.badDataFormat,
                    "The password-based MAC parameters are malformed");
        }
        var iterations = parameters.getIterationCount().getValue();
        if (iterations.signum() <= 0 || iterations.bitLength() > 31 || iterations.intValue() > maxIterations) {
            throw refused(exchange, PKIFailureInfo.badAlg | PKIFailureInfo.badMessageCheck, "The MAC's iteration count "
                    + iterations + " is outside what this server computes (1 to " + maxIterations + ", RFC 9481 6.1.1)");
        }
        return parameters;
    }

    /** Verifies the MAC with the secret and keeps both for protecting the answer. */
    void verifyMac(Exchange exchange, ProtectedPKIMessage message, char[] secret) {
        PBMParameter parameters = acceptableMacParameters(exchange, message);
        try {
            PKMACBuilder mac = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC), maxIterations);
            if (!message.verify(mac, secret)) {
                throw refused(exchange, PKIFailureInfo.badMessageCheck, "The MAC does not verify with the enrollment code");
            }
        } catch (CMPException | RuntimeException e) {
            if (e instanceof CmpFailure failure) {
                throw failure;
            }
            throw refused(exchange, PKIFailureInfo.badMessageCheck, "The MAC cannot be checked: " + e.getMessage());
        }
        exchange.macSecret = secret;
        exchange.macParameters = parameters;
    }

    /** The request's protection certificate (first of extraCerts), as this CA issued it, with a verifying signature. */
    Signer verifiedSigner(Exchange exchange, ProtectedPKIMessage message) {
        if (message.hasPasswordBasedMacProtection()) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized, "This request must be signed with the certificate's own key, not a MAC");
        }
        X509CertificateHolder[] certificates = message.getCertificates();
        if (certificates.length == 0) {
            throw refused(exchange, PKIFailureInfo.signerNotTrusted, "The signer's certificate must come first in extraCerts");
        }
        X509CertificateHolder presented = certificates[0];
        byte[] presentedDer = encoded(presented);
        Signer signer = ca.authoritiesDirectory().all().stream()
                .filter(authority -> X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded())
                        .equals(presented.getIssuer()))
                .flatMap(authority -> ca.certificates().find(authority.id(), presented.getSerialNumber()).stream()
                        .filter(r -> r.certificate() != null && Arrays.equals(Certificates.der(r.certificate()), presentedDer))
                        .map(r -> new Signer(authority, r, presented)))
                .findFirst()
                .orElseThrow(() -> refused(exchange, PKIFailureInfo.signerNotTrusted,
                        "The signing certificate was not issued by this CA"));
        try {
            if (!message.verify(new JcaContentVerifierProviderBuilder().build(signer.record().certificate().getPublicKey()))) {
                throw refused(exchange, PKIFailureInfo.badMessageCheck, "The signature does not verify with the certificate's key");
            }
        } catch (CMPException | OperatorCreationException | RuntimeException e) {
            if (e instanceof CmpFailure failure) {
                throw failure;
            }
            throw refused(exchange, PKIFailureInfo.badMessageCheck, "The signature cannot be checked: " + e.getMessage());
        }
        return signer;
    }

    /** A refusal of the request's protection, counted against the sender and the client address. */
    CmpFailure refused(Exchange exchange, int failInfo, String message) {
        failures.record(exchange.throttleKeys());
        return new CmpFailure(failInfo, message);
    }

    private static byte[] encoded(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
