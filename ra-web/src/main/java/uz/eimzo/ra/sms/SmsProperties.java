package uz.eimzo.ra.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * SMS to applicants ({@code eimzo.sms.*}): the one-time collection code, the phone confirmation code and the status
 * notices go to the phone as well as the e-mail address.
 *
 * @param enabled        send texts at all (the demo turns it on; off by default)
 * @param provider       {@code http}: the generic gateway at {@code url}; {@code eskiz}: Eskiz.uz's API
 * @param url            {@code http}: the gateway's endpoint, which receives {@code POST {"to", "from", "text"}} as
 *                       JSON; {@code eskiz}: the API's base (empty: {@code https://notify.eskiz.uz/api}); empty with
 *                       {@code http} in the demo writes the texts into {@code demo-sms/} instead
 * @param token          {@code http}: a bearer token for the gateway, if it wants one (empty: no Authorization header)
 * @param eskizEmail     {@code eskiz}: the account's login e-mail
 * @param eskizPassword  {@code eskiz}: the account's password (secret key)
 * @param from           the sender name the gateway shows (for Eskiz: a nickname Eskiz approved for the account)
 * @param connectTimeout how long to wait for the gateway's connection
 * @param timeout        how long to wait for the gateway's answer
 * @param attempts       {@code eskiz}: how many times a text is tried on a 5xx answer, a timeout or no connection
 * @param retryBackoff   {@code eskiz}: the pause before the second try, doubled before each further one
 */
@ConfigurationProperties("eimzo.sms")
public record SmsProperties(@DefaultValue("false") boolean enabled,
                            @DefaultValue("http") Provider provider,
                            @DefaultValue("") String url,
                            @DefaultValue("") String token,
                            @DefaultValue("") String eskizEmail,
                            @DefaultValue("") String eskizPassword,
                            @DefaultValue("E-IMZO") String from,
                            @DefaultValue("3s") Duration connectTimeout,
                            @DefaultValue("10s") Duration timeout,
                            @DefaultValue("3") int attempts,
                            @DefaultValue("1s") Duration retryBackoff) {

    /** Which gateway API the texts go through. */
    public enum Provider { HTTP, ESKIZ }

    /** Eskiz's API base, where its documentation puts it. */
    static final String ESKIZ_BASE = "https://notify.eskiz.uz/api";
}
