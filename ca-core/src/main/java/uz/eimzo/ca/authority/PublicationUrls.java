package uz.eimzo.ca.authority;

/** Where relying parties fetch OCSP answers, CRLs and CA certificates: the responder's public base URL. */
public record PublicationUrls(String baseUrl) {

    public PublicationUrls {
        if (baseUrl == null || !baseUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("Publication base URL must be http(s): " + baseUrl);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String ocsp() {
        return baseUrl + "/ocsp";
    }

    public String crl(String caName) {
        return baseUrl + "/crl/" + caName + ".crl";
    }

    /** Where the newest delta CRL is published; full CRLs name it in their freshestCRL extension. */
    public String deltaCrl(String caName) {
        return baseUrl + "/crl/" + caName + "-delta.crl";
    }

    public String caCertificate(String caName) {
        return baseUrl + "/ca/" + caName + ".crt";
    }
}
