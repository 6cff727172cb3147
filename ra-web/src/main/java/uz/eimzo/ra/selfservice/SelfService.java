package uz.eimzo.ra.selfservice;

import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.revocation.RevocationCodes;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.CertificationRequests;
import uz.eimzo.ca.x509.MalformedInputException;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What applicants do without an operator: look up their certificate's status, revoke it with the revocation code
 * when the key is lost, and renew it inside the renewal window by proving possession of the current key.
 */
public final class SelfService {

    /**
     * A renewed certificate, its chain (leaf first), its new revocation code (shown once) and the name its PKCS#12
     * file takes by the E-IMZO convention ({@code DS<PINFL or company STIR><nnnn>.pfx}).
     */
    public record Renewed(IssuedCertificate certificate, List<X509Certificate> chain, String revocationCode,
                          String fileName) {
    }

    private final CaServices ca;
    private final RevocationCodes revocationCodes;
    private final Duration renewalWindow;
    private final Clock clock;

    public SelfService(CaServices ca, RevocationCodes revocationCodes, Duration renewalWindow, Clock clock) {
        this.ca = ca;
        this.revocationCodes = revocationCodes;
        this.renewalWindow = renewalWindow;
        this.clock = clock;
    }

    /** The certificate with this serial (hex), of whichever of our CAs issued it. */
    public Optional<CertificateRecord> status(String serialHex) {
        BigInteger serial = serial(serialHex);
        return ca.certificates().findIssued(serial);
    }

    /** Revokes for key compromise when the code is the certificate's own. */
    public CertificateRecord revoke(String serialHex, String code) {
        serial(serialHex);
        try {
            return revocationCodes.revoke(serialHex, code, "self-service:" + serialHex.strip().toLowerCase());
        } catch (uz.eimzo.ca.revocation.RevocationException refused) {
            throw new SelfServiceException(refused.code().equals("revocation.already")
                    ? "selfService.error.alreadyRevoked" : "selfService.error.code");
        }
    }

    /**
     * Renews the certificate whose key signed the challenge: same identity, the CSR's new key, a fresh validity.
     *
     * @param presented the signer certificate of the verified challenge signature
     */
    public Renewed renew(X509Certificate presented, byte[] csr) {
        CertificateRecord current = ca.certificates().bySha256(Certificates.sha256(Certificates.der(presented)))
                .orElseThrow(() -> new SelfServiceException("selfService.error.unknownCertificate"));
        Instant now = clock.instant();
        if (current.status() == CertificateStatus.REVOKED) {
            throw new SelfServiceException("selfService.error.revoked");
        }
        if (current.status() == CertificateStatus.HOLD) {
            throw new SelfServiceException("selfService.error.suspended");
        }
        if (!current.validAt(now)) {
            throw new SelfServiceException("selfService.error.expired");
        }
        Instant opens = current.notAfter().minus(renewalWindow);
        if (now.isBefore(opens)) {
            throw new SelfServiceException("selfService.error.window", renewalWindow.toDays(), opens.toString().substring(0, 10));
        }
        PublicKey key;
        try {
            key = CertificationRequests.parse(csr).publicKey();
        } catch (MalformedInputException e) {
            throw new SelfServiceException("selfService.error.csr");
        }
        if (KeyAlgorithm.of(key).filter(ca.profiles().get(current.profile()).allowedKeys()::contains).isEmpty()) {
            throw new SelfServiceException("selfService.error.keyType");
        }
        CertificateAuthority authority = ca.authoritiesDirectory().byId(current.caId()).orElseThrow();
        IssuedCertificate issued;
        try {
            issued = ca.issuer().renew(authority.name(), current.serial(), key, "self-service:" + current.serial().toString(16));
        } catch (uz.eimzo.ca.issuance.IssuanceException refused) {
            throw new SelfServiceException(refused.code().equals("key.reused") ? "selfService.error.keyReused" : "selfService.error.csr");
        }
        String code = revocationCodes.assign(issued.ca().id(), issued.serial());
        String holder = ca.certificates().ofOrganisation(current.caId(), current.serial()) ? current.stir() : current.pinfl();
        return new Renewed(issued, ca.issuer().chainOf(issued), code, ca.issuer().keyFileName(current.pinfl(), holder));
    }


    private static BigInteger serial(String serialHex) {
        try {
            BigInteger serial = new BigInteger(serialHex.strip().replace(":", "").replace(" ", ""), 16);
            if (serial.signum() <= 0) {
                throw new NumberFormatException();
            }
            return serial;
        } catch (NumberFormatException | NullPointerException e) {
            throw new SelfServiceException("selfService.error.serial");
        }
    }
}
