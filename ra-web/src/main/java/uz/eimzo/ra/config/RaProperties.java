package uz.eimzo.ra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import java.nio.file.Path;

/**
 * The registration centre's settings ({@code eimzo.ra.*}).
 *
 * @param personalDataKey base64 AES-256 key sealing passport numbers, scans and TOTP secrets at rest
 * @param issuingCa       the CA that issues applicants' certificates: the demo's GOST-UZ issuing CA by default, the
 *                        E-IMZO ecosystem being GOST-only
 * @param operatorCa      the CA of operators' client certificates (mutual-TLS sign-in) and of the HTTPS port's certificate
 * @param httpsPort       the operators' HTTPS port with client certificates; negative to disable
 * @param tlsKeystore     PKCS#12 file of the HTTPS port's key, made on first start when absent
 * @param tlsKeystorePassword its password; unset: made at random on first start and kept owner-only in
 *                            {@code <tlsKeystore>.password}
 */
@ConfigurationProperties("eimzo.ra")
public record RaProperties(String personalDataKey, @DefaultValue("demo-gost-issuing") String issuingCa,
                           @DefaultValue("demo-operators") String operatorCa, @DefaultValue("8443") int httpsPort,
                           Path tlsKeystore, String tlsKeystorePassword) {
}
