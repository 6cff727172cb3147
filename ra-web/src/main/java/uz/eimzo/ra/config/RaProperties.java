package uz.eimzo.ra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registration centre's settings ({@code eimzo.ra.*}).
 *
 * @param personalDataKey base64 AES-256 key sealing passport numbers, scans and TOTP secrets at rest
 * @param issuingCa       the CA that issues applicants' certificates
 */
@ConfigurationProperties("eimzo.ra")
public record RaProperties(String personalDataKey, @DefaultValue("demo-issuing") String issuingCa) {
}
