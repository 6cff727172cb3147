package uz.eimzo.ra.selfservice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * Where the revocation of a recognised external CA's holder is looked up before they renew here
 * ({@code eimzo.ra.external-crl.*}, docs/configuration.md).
 *
 * @param sources            the CRL of a recognised CA, by its name: an http(s) URL or a file the centre keeps current
 * @param distributionPoints when no source is configured, fetch the CRLs the holder's certificate names (http(s) only)
 * @param timeout            how long one CRL fetch may take
 */
@ConfigurationProperties("eimzo.ra.external-crl")
public record ExternalCrlProperties(
        Map<String, String> sources,
        @DefaultValue("true") boolean distributionPoints,
        @DefaultValue("PT10S") Duration timeout) {
}
