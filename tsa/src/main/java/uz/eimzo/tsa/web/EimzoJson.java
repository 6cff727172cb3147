package uz.eimzo.tsa.web;

import uz.eimzo.tsa.verification.CertificateChain;
import uz.eimzo.tsa.verification.CertificateState;
import uz.eimzo.tsa.verification.DocumentVerification;
import uz.eimzo.tsa.verification.SignerVerification;
import uz.eimzo.tsa.verification.TimeStampVerification;
import uz.eimzo.tsa.verification.TokenInfo;
import uz.eimzo.tsa.verification.Verdict;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON of E-IMZO-SERVER's PKCS#7 verification, field for field where its public documentation names the field
 * (docs/tsa.md lists them), so an integration written against it reads ours. Fields it documents that we have no value
 * for (OCSPResponse, statusNextUpdateAt) are left out rather than invented; {@code verdict} and {@code verdictText} are
 * ours, added beside its fields.
 */
final class EimzoJson {

    private EimzoJson() {
    }

    /** {@code {pkcs7Info: {signers, documentBase64}, status: 1, message: ""}}. */
    static Map<String, Object> verification(DocumentVerification verification, boolean withDocument,
                                            Function<Verdict, String> texts) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("signers", verification.signers().stream().map(s -> signer(s, verification.verifiedAt(), texts)).toList());
        if (withDocument && verification.document().content() != null) {
            info.put("documentBase64", Base64.getEncoder().encodeToString(verification.document().content()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pkcs7Info", info);
        json.put("status", 1);
        json.put("message", "");
        return json;
    }

    /** One entry of {@code timestampedSignerList}, and of {@code subjectCertificateInfo}'s shape. */
    static Map<String, Object> certificateInfo(X509Certificate certificate) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("serialNumber", certificate.getSerialNumber().toString(16));
        json.put("subjectName", CertificateJson.nameInfo(certificate.getSubjectX500Principal().getEncoded()));
        json.put("validFrom", CertificateJson.LOCAL_TIME.format(certificate.getNotBefore().toInstant()));
        json.put("validTo", CertificateJson.LOCAL_TIME.format(certificate.getNotAfter().toInstant()));
        return json;
    }

    private static Map<String, Object> signer(SignerVerification verification, Instant verifiedAt,
                                              Function<Verdict, String> texts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("signerId", signerId(verification.signerIssuer(), verification.signerSerialHex()));
        json.put("signingTime", local(verification.claimedSigningTime()));
        json.put("signature", CertificateJson.hex(verification.signatureValue()));
        json.put("digest", CertificateJson.hex(verification.messageDigest()));
        if (verification.timeStamp() != null) {
            json.put("timeStampInfo", timeStampInfo(verification.timeStamp()));
        }
        CertificateChain chain = verification.chain();
        if (chain != null) {
            json.put("certificate", chain.certificates().stream().map(CertificateJson::certificate).toList());
        }
        json.put("statusUpdatedAt", local(verifiedAt));
        json.put("verified", verification.signatureValid());
        boolean goodThen = verification.status().atSigningTime() == CertificateState.GOOD
                || verification.status().atSigningTime() == CertificateState.NOT_CHECKED;
        json.put("certificateVerified", chain != null && chain.anchored() && verification.chainValidAtSigningTime()
                && goodThen && verification.status().now() != CertificateState.NOT_IN_RECORDS);
        if (chain != null && chain.anchored()) {
            json.put("trustedCertificate", CertificateJson.certificate(chain.root().certificate()));
        }
        if (verification.identity() != null) {
            json.put("policyIdentifiers", verification.identity().policies());
        }
        json.put("certificateValidAtSigningTime", verification.chainValidAtSigningTime() && goodThen);
        if (verification.status().revokedAt() != null) {
            Map<String, Object> revoked = new LinkedHashMap<>();
            revoked.put("revocationDate", local(verification.status().effectiveSince()));
            revoked.put("reason", verification.status().revocationReason());
            revoked.put("status", verification.status().now());
            json.put("revokedStatusInfo", revoked);
        }
        if (verification.problem() != null) {
            json.put("exception", verification.problem());
        }
        json.put("verdict", verification.verdict());
        json.put("verdictText", texts.apply(verification.verdict()));
        return json;
    }

    private static Map<String, Object> timeStampInfo(TimeStampVerification token) {
        Map<String, Object> json = new LinkedHashMap<>();
        CertificateChain chain = token.chain();
        if (chain != null) {
            json.put("certificate", chain.certificates().stream().map(CertificateJson::certificate).toList());
        }
        json.put("digestVerified", token.imprintMatches());
        json.put("certificateVerified", chain != null && chain.anchored() && token.verified());
        if (chain != null && chain.anchored()) {
            json.put("trustedCertificate", CertificateJson.certificate(chain.root().certificate()));
        }
        json.put("certificateValidAtSigningTime", token.verified());
        TokenInfo info = token.info();
        if (info != null) {
            json.put("signerId", signerId(info.signerIssuer(), info.signerSerialHex()));
            json.put("tsaPolicy", info.policy());
            json.put("time", local(info.genTime()));
            // The imprint's hash algorithm, as E-IMZO's own answer repeats it under both names.
            json.put("hashAlgorithm", info.imprintAlgorithm());
            json.put("serialNumber", info.serialHex());
            json.put("tsa", info.tsa());
            json.put("messageImprintAlgOID", info.imprintAlgorithm());
            json.put("messageImprintDigest", CertificateJson.hex(info.imprintDigest()));
        }
        json.put("verified", token.verified());
        if (token.problem() != null) {
            json.put("exception", token.problem().text());
        }
        return json;
    }

    private static Map<String, Object> signerId(String issuer, String serialHex) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer);
        json.put("subjectSerialNumber", serialHex);
        return json;
    }

    private static String local(Instant instant) {
        return instant == null ? null : CertificateJson.LOCAL_TIME.format(instant);
    }

    static List<Map<String, Object>> stampedSigners(List<X509Certificate> certificates) {
        return certificates.stream().map(EimzoJson::certificateInfo).toList();
    }
}
