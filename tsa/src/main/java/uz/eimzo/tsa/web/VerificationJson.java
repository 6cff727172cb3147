package uz.eimzo.tsa.web;

import uz.eimzo.tsa.verification.CertificateChain;
import uz.eimzo.tsa.verification.DocumentVerification;
import uz.eimzo.tsa.verification.SignerVerification;
import uz.eimzo.tsa.verification.StatusReport;
import uz.eimzo.tsa.verification.TimeStampVerification;
import uz.eimzo.tsa.verification.Unchecked;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.time.Instant;

/** This product's own verification answer (docs/tsa.md, "Verifying signed documents"): times in UTC ISO-8601. */
final class VerificationJson {

    private VerificationJson() {
    }

    /** @param texts the answer's texts in the relying party's language */
    static Map<String, Object> document(DocumentVerification verification, VerdictTexts.Language texts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid", verification.verdict().holds());
        json.put("verdict", verification.verdict());
        json.put("verdictText", texts.verdicts().apply(verification.verdict()));
        json.put("verifiedAt", verification.verifiedAt().toString());
        json.put("contentAttached", verification.document().attached());
        json.put("signers", verification.signers().stream().map(s -> signer(s, texts)).toList());
        return json;
    }

    private static Map<String, Object> signer(SignerVerification signer, VerdictTexts.Language texts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", signer.index());
        json.put("verdict", signer.verdict());
        json.put("verdictText", texts.verdicts().apply(signer.verdict()));
        json.put("signatureValid", signer.signatureValid());
        json.put("problem", signer.problem());
        json.put("signatureAlgorithm", signer.signatureAlgorithm());
        json.put("digestAlgorithm", signer.digestAlgorithm());
        if (signer.identity() != null) {
            json.put("subject", signer.identity().subject());
            json.put("pinfl", signer.identity().pinfl());
            json.put("organisationStir", signer.identity().organisationStir());
            json.put("personalStir", signer.identity().personalStir());
            json.put("policies", signer.identity().policies());
        }
        json.put("certificateSerial", signer.certificate() == null ? null : signer.certificate().getSerialNumber().toString(16));
        json.put("signingTime", text(signer.signingTime()));
        json.put("signingTimeSource", signer.signingTime() != null ? "TIME_STAMP_TOKEN" : "NONE");
        json.put("claimedSigningTime", text(signer.claimedSigningTime()));
        json.put("checkedAt", text(signer.referenceTime()));
        json.put("chainValidAtSigningTime", signer.chainValidAtSigningTime());
        json.put("chain", chain(signer.chain()));
        json.put("status", status(signer.status(), texts.notChecked()));
        json.put("timeStamp", timeStamp(signer.timeStamp(), texts));
        return json;
    }

    private static Map<String, Object> chain(CertificateChain chain) {
        if (chain == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("anchored", chain.anchored());
        json.put("anchor", chain.root() == null ? null : chain.root().name());
        json.put("anchorKind", chain.root() == null ? null : chain.root().kind());
        json.put("certificates", chain.certificates().stream().map(VerificationJson::link).toList());
        return json;
    }

    private static Map<String, Object> link(X509Certificate certificate) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", CertificateJson.name(certificate.getSubjectX500Principal().getEncoded()));
        json.put("issuer", CertificateJson.name(certificate.getIssuerX500Principal().getEncoded()));
        json.put("serialNumber", certificate.getSerialNumber().toString(16));
        json.put("notBefore", certificate.getNotBefore().toInstant().toString());
        json.put("notAfter", certificate.getNotAfter().toInstant().toString());
        return json;
    }

    private static Map<String, Object> status(StatusReport status, Function<Unchecked, String> notCheckedTexts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", status.source());
        json.put("atSigningTime", status.atSigningTime());
        json.put("now", status.now());
        json.put("revokedAt", text(status.revokedAt()));
        json.put("invalidityDate", text(status.invalidityDate()));
        json.put("revokedSince", text(status.effectiveSince()));
        json.put("revocationReason", status.revocationReason());
        StatusReport.Answered answered = status.answered();
        json.put("url", answered == null ? null : answered.url());
        json.put("thisUpdate", answered == null ? null : text(answered.thisUpdate()));
        json.put("nextUpdate", answered == null ? null : text(answered.nextUpdate()));
        json.put("nonce", answered == null ? null : answered.nonce());
        json.put("responder", answered == null ? null : answered.responder());
        json.put("notChecked", status.unanswered().stream().map(why -> {
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("source", why.source());
            reason.put("url", why.url());
            reason.put("reason", why.reason());
            reason.put("text", notCheckedTexts.apply(why.reason()));
            return reason;
        }).toList());
        return json;
    }

    private static Map<String, Object> timeStamp(TimeStampVerification token, VerdictTexts.Language texts) {
        if (token == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verified", token.verified());
        json.put("problem", token.problem() == null ? null : texts.problems().apply(token.problem()));
        json.put("problemCode", token.problem() == null ? null : token.problem().code());
        json.put("genTime", text(token.genTime()));
        json.put("policy", token.policy());
        json.put("serialNumber", token.serial() == null ? null : token.serial().toString(16));
        json.put("imprintAlgorithm", token.imprintAlgorithm());
        json.put("imprint", CertificateJson.hex(token.imprint()));
        json.put("tsaChain", chain(token.chain()));
        json.put("tsaStatus", token.tsaStatus() == null ? null : status(token.tsaStatus(), texts.notChecked()));
        return json;
    }


    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
