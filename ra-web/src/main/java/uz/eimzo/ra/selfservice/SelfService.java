package uz.eimzo.ra.selfservice;

import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.issuance.ExternalCrls;
import uz.eimzo.ca.issuance.ExternalRenewals;
import uz.eimzo.ca.issuance.IssuanceException;
import uz.eimzo.ca.registration.ExternalHolderStore;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.ca.revocation.RevocationException;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.KeyBundle;
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
import java.util.regex.Pattern;

/**
 * What applicants do without an operator: look up their certificate's status, revoke it with the revocation code
 * when the key is lost, and renew it inside the renewal window by proving possession of the current key.
 */
public final class SelfService {

    /**
     * A renewed certificate, its chain (leaf first), its new revocation code (shown once), the name its PKCS#12
     * file takes by the E-IMZO convention ({@code DS<PINFL or company STIR><nnnn>.pfx}) and the alias the E-IMZO agent
     * lists it by.
     */
    public record Renewed(IssuedCertificate certificate, List<X509Certificate> chain, String revocationCode,
                          String fileName, String keyAlias) {
    }

    /** The E-IMZO name and agent alias of the key file a browser writes for a certificate of ours. */
    public record KeyFile(String name, String alias) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^\\s@\\p{Cntrl}]+@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}]+");

    private final CaServices ca;
    private final String issuingCa;
    private final RevocationCodes revocationCodes;
    private final Duration renewalWindow;
    private final Clock clock;
    private final ExternalCrls externalCrls;
    private final ExternalHolderStore externalHolders;

    /**
     * @param issuingCa the CA that issues renewals of external CAs' holders (ours renew under the CA that issued them)
     */
    public SelfService(CaServices ca, String issuingCa, RevocationCodes revocationCodes, Duration renewalWindow, Clock clock) {
        this(ca, issuingCa, revocationCodes, renewalWindow, clock, ExternalCrls.none(clock), null);
    }

    /**
     * @param externalCrls    where the revocation of an external CA's holder is looked up before renewal
     * @param externalHolders records external holders as applicants (reminders); null for none
     */
    public SelfService(CaServices ca, String issuingCa, RevocationCodes revocationCodes, Duration renewalWindow, Clock clock,
                       ExternalCrls externalCrls, ExternalHolderStore externalHolders) {
        this.externalCrls = externalCrls;
        this.externalHolders = externalHolders;
        this.ca = ca;
        this.issuingCa = issuingCa;
        this.revocationCodes = revocationCodes;
        this.renewalWindow = renewalWindow;
        this.clock = clock;
    }

    /** The certificate with this serial (hex), of whichever of our CAs issued it. */
    public Optional<CertificateRecord> status(String serialHex) {
        BigInteger serial = serial(serialHex);
        return ca.certificates().findIssued(serial);
    }

    /**
     * The key file of an issued certificate of ours found by serial (hex): {@code DS<PINFL or STIR><nnnn>.pfx} and the
     * agent's alias, for an applicant whose browser made the key and writes the file (online application collection).
     */
    public Optional<KeyFile> keyFile(String serialHex) {
        return status(serialHex).filter(record -> record.certificate() != null).map(record -> {
            String holder = ca.certificates().ofOrganisation(record.caId(), record.serial()) ? record.stir() : record.pinfl();
            return new KeyFile(ca.issuer().keyFileName(record.pinfl(), holder), ca.issuer().agentAlias(record.certificate()));
        });
    }

    /** Revokes for key compromise when the code is the certificate's own. */
    public CertificateRecord revoke(String serialHex, String code) {
        serial(serialHex);
        try {
            return revocationCodes.revoke(serialHex, code, "self-service:" + serialHex.strip().toLowerCase());
        } catch (RevocationException refused) {
            throw new SelfServiceException(refused.code().equals("revocation.already")
                    ? "selfService.error.alreadyRevoked" : "selfService.error.code");
        }
    }

    /**
     * A renewal with a key made here, in the current key's algorithm, packed as an E-IMZO agent DS….pfx with a one-time
     * password, and its new revocation code (shown once).
     */
    public record RenewedKey(KeyBundle bundle, String revocationCode) {
    }

    /**
     * Renews the certificate whose key signed the challenge: same identity, the CSR's new key, a fresh validity.
     *
     * @param presented the signer certificate of the verified challenge signature
     */
    public Renewed renew(X509Certificate presented, byte[] csr) {
        return renew(presented, csr, null);
    }

    /**
     * As {@link #renew(X509Certificate, byte[])}; {@code email} (optional) is where an external CA's holder, recorded
     * here as an applicant, gets expiry reminders.
     */
    public Renewed renew(X509Certificate presented, byte[] csr, String email) {
        PublicKey key;
        try {
            key = CertificationRequests.parse(csr).publicKey();
        } catch (MalformedInputException e) {
            throw new SelfServiceException("selfService.error.csr");
        }
        if (external(presented)) {
            if (KeyAlgorithm.of(key).filter(ca.profiles().get("individual").allowedKeys()::contains).isEmpty()) {
                throw new SelfServiceException("selfService.error.keyType");
            }
            IssuedCertificate issued;
            try {
                issued = ca.issuer().externalRenewals(externalCrls).renew(issuingCa, presented, key, requester(presented),
                        holders(email, presented));
            } catch (IssuanceException refused) {
                throw refusal(refused);
            }
            String code = codeFor(issued);
            return new Renewed(issued, ca.issuer().chainOf(issued), code, fileName(issued.ca().id(), issued.serial()),
                    ca.issuer().agentAlias(issued.certificate()));
        }
        CertificateRecord current = renewable(presented);
        if (KeyAlgorithm.of(key).filter(ca.profiles().get(current.profile()).allowedKeys()::contains).isEmpty()) {
            throw new SelfServiceException("selfService.error.keyType");
        }
        CertificateAuthority authority = ca.authoritiesDirectory().byId(current.caId()).orElseThrow();
        IssuedCertificate issued;
        try {
            issued = ca.issuer().renew(authority.name(), current.serial(), key, "self-service:" + current.serial().toString(16));
        } catch (IssuanceException refused) {
            throw refusal(refused);
        }
        String code = codeFor(issued);
        String holder = ca.certificates().ofOrganisation(current.caId(), current.serial()) ? current.stir() : current.pinfl();
        return new Renewed(issued, ca.issuer().chainOf(issued), code, ca.issuer().keyFileName(current.pinfl(), holder),
                ca.issuer().agentAlias(issued.certificate()));
    }

    /**
     * Renews the certificate whose key signed the challenge with a new key made here in the same algorithm: for a
     * holder who has the centre make the key instead of making it in the browser.
     */
    public RenewedKey renewWithServerKey(X509Certificate presented) {
        return renewWithServerKey(presented, null);
    }

    /** As {@link #renewWithServerKey(X509Certificate)}, with an external holder's e-mail address for reminders. */
    public RenewedKey renewWithServerKey(X509Certificate presented, String email) {
        if (external(presented)) {
            KeyBundle bundle;
            try {
                bundle = ca.issuer().externalRenewals(externalCrls).renewWithServerKey(issuingCa, presented,
                        requester(presented), holders(email, presented));
            } catch (IssuanceException refused) {
                throw refusal(refused);
            }
            return new RenewedKey(bundle, codeFor(bundle.issued()));
        }
        CertificateRecord current = renewable(presented);
        CertificateAuthority authority = ca.authoritiesDirectory().byId(current.caId()).orElseThrow();
        KeyBundle bundle;
        try {
            bundle = ca.issuer().renewWithServerKey(authority.name(), current.serial(),
                    "self-service:" + current.serial().toString(16));
        } catch (IssuanceException refused) {
            throw refusal(refused);
        }
        return new RenewedKey(bundle, codeFor(bundle.issued()));
    }

    private static SelfServiceException refusal(IssuanceException refused) {
        return new SelfServiceException(switch (refused.code()) {
            case "key.reused" -> "selfService.error.keyReused";
            case "renewal.keyAlgorithm" -> "selfService.error.gostKeyKept";
            case "renewal.expired" -> "selfService.error.expired";
            case "external.alreadyRenewed" -> "selfService.error.externalRenewed";
            case "external.revoked" -> "selfService.error.externalRevoked";
            case "external.crlUnavailable" -> "selfService.error.externalCrl";
            case "external.identity", "external.organisation", "external.notEndEntity" -> "selfService.error.externalIdentity";
            default -> "selfService.error.csr";
        });
    }

    /**
     * Whether {@code presented} is not ours but a recognised external CA's (a holder migrating to this centre); its
     * renewal window is checked here as for ours.
     */
    private boolean external(X509Certificate presented) {
        if (ca.certificates().bySha256(Certificates.sha256(Certificates.der(presented))).isPresent()
                || ca.issuer().externalRenewals().issuerOf(presented).isEmpty()) {
            return false;
        }
        Instant opens = presented.getNotAfter().toInstant().minus(renewalWindow);
        if (clock.instant().isBefore(opens)) {
            throw new SelfServiceException("selfService.error.window", renewalWindow.toDays(), opens.toString().substring(0, 10));
        }
        return true;
    }

    /** How an external holder is recorded: as an applicant with the e-mail address given, checked first. */
    private ExternalRenewals.HolderRecords holders(String email, X509Certificate presented) {
        String address = email == null || email.isBlank() ? null : email.strip();
        if (address != null && (address.length() > 254 || !EMAIL.matcher(address).matches())) {
            throw new SelfServiceException("selfService.error.email");
        }
        return externalHolders == null ? ExternalRenewals.HolderRecords.NONE
                : externalHolders.recorder(address, requester(presented));
    }

    private static String requester(X509Certificate presented) {
        return "self-service:external:" + presented.getSerialNumber().toString(16);
    }

    /** {@code DS<PINFL><nnnn>.pfx}: an external holder's renewal is a person's certificate. */
    private String fileName(int caId, BigInteger serial) {
        String pinfl = ca.certificates().find(caId, serial).orElseThrow().pinfl();
        return ca.issuer().keyFileName(pinfl, pinfl);
    }

    /** The certificate of ours that signed the challenge, if it is good, unexpired and inside the renewal window. */
    private CertificateRecord renewable(X509Certificate presented) {
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
        return current;
    }

    /** A new revocation code for a renewed certificate, shown once. */
    private String codeFor(IssuedCertificate issued) {
        return revocationCodes.assign(issued.ca().id(), issued.serial());
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
