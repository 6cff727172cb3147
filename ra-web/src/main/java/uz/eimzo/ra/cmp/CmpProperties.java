package uz.eimzo.ra.cmp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * CMP settings ({@code eimzo.cmp.*}).
 *
 * @param renewalWindow how long before expiry a certificate may be renewed with kur (and on the self-service page)
 * @param confirmWindow how long after issuance the client's certConf is accepted
 */
@ConfigurationProperties("eimzo.cmp")
public record CmpProperties(@DefaultValue("60d") Duration renewalWindow, @DefaultValue("15m") Duration confirmWindow) {
}
