package uz.eimzo.tsa.web;

import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.tsa.verification.Names;

import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Certificates and names as JSON, in the shapes both APIs share: E-IMZO's certificate object (subjectInfo, serialNumber
 * in hex, validFrom/validTo as Tashkent local time, publicKey, signature) and names keyed by attribute (CN, O, UID,
 * the national attributes by their OIDs).
 */
final class CertificateJson {

    /** E-IMZO's server writes times as local wall-clock times of Tashkent (UTC+5, no daylight saving). */
    static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Tashkent"));

    private static final HexFormat HEX = HexFormat.of();

    private CertificateJson() {
    }

    static Map<String, Object> certificate(X509Certificate certificate) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subjectInfo", nameInfo(certificate.getSubjectX500Principal().getEncoded()));
        json.put("issuerInfo", nameInfo(certificate.getIssuerX500Principal().getEncoded()));
        json.put("serialNumber", certificate.getSerialNumber().toString(16));
        json.put("subjectName", name(certificate.getSubjectX500Principal().getEncoded()));
        json.put("validFrom", LOCAL_TIME.format(certificate.getNotBefore().toInstant()));
        json.put("validTo", LOCAL_TIME.format(certificate.getNotAfter().toInstant()));
        json.put("issuerName", name(certificate.getIssuerX500Principal().getEncoded()));
        Map<String, Object> key = new LinkedHashMap<>();
        boolean national = UzDst.KEY_ALGORITHM.equals(certificate.getPublicKey().getAlgorithm());
        key.put("keyAlgName", national ? "OZDST-1092-2009-2" : certificate.getPublicKey().getAlgorithm());
        key.put("publicKey", Base64.getEncoder().encodeToString(certificate.getPublicKey().getEncoded()));
        json.put("publicKey", key);
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("signAlgName", UzDst.SIGNATURE_OID.equals(certificate.getSigAlgOID())
                ? "OZDST-1106-2009-2-AwithOZDST-1092-2009-2" : certificate.getSigAlgName());
        signature.put("signature", HEX.formatHex(certificate.getSignature()));
        json.put("signature", signature);
        return json;
    }

    /** Attribute name (CN, O, UID; the national attributes by OID) to value, in the name's order. */
    static Map<String, String> nameInfo(byte[] encodedName) {
        return Names.info(encodedName);
    }

    /** The name as a string with the national attributes by OID: "CN=…,1.2.860.3.16.1.2=…". */
    static String name(byte[] encodedName) {
        return Names.text(encodedName);
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }
}
