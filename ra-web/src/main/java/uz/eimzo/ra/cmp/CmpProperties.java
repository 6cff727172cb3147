package uz.eimzo.ra.cmp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * CMP settings ({@code eimzo.cmp.*}).
 *
 * @param renewalWindow          how long before expiry a certificate may be renewed with kur (and on the self-service page)
 * @param confirmWindow          how long after issuance the client's certConf is accepted; a certificate still
 *                               unconfirmed after it is revoked (RFC 9483 4.1, RFC 4210 5.3.18)
 * @param confirmationRound      how often the cluster looks for certificates whose certConf never came
 * @param maxPbmIterations       the largest password-based MAC iteration count a request may ask for; the client
 *                               chooses it, so it is work an unauthenticated sender makes the server do
 * @param enrollmentAttempts     refused enrollments (after a valid MAC) an enrollment code survives
 * @param maxFailedProtections   failed protection checks one sender (senderKID or sender name) or one client address
 *                               may cause within {@code failedProtectionWindow} before its requests are refused unread
 * @param failedProtectionWindow the window of {@code maxFailedProtections}
 */
@ConfigurationProperties("eimzo.cmp")
public record CmpProperties(@DefaultValue("60d") Duration renewalWindow,
                            @DefaultValue("15m") Duration confirmWindow,
                            @DefaultValue("1m") Duration confirmationRound,
                            @DefaultValue("10000") int maxPbmIterations,
                            @DefaultValue("5") int enrollmentAttempts,
                            @DefaultValue("20") int maxFailedProtections,
                            @DefaultValue("15m") Duration failedProtectionWindow) {
}
