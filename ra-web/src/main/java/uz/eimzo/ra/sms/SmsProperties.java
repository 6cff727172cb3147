package uz.eimzo.ra.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * SMS to applicants ({@code eimzo.sms.*}): the one-time collection code and the status notices go to the phone as
 * well as the e-mail address.
 *
 * @param enabled        send texts at all (the demo turns it on; off by default)
 * @param url            the gateway's HTTP endpoint, which receives {@code POST {"to", "from", "text"}} as JSON;
 *                       empty in the demo writes the texts into {@code demo-sms/} instead
 * @param token          a bearer token for the gateway, if it wants one (empty: no Authorization header)
 * @param from           the sender name the gateway shows
 * @param connectTimeout how long to wait for the gateway's connection
 * @param timeout        how long to wait for the gateway's answer
 */
@ConfigurationProperties("eimzo.sms")
public record SmsProperties(@DefaultValue("false") boolean enabled,
                            @DefaultValue("") String url,
                            @DefaultValue("") String token,
                            @DefaultValue("E-IMZO") String from,
                            @DefaultValue("3s") Duration connectTimeout,
                            @DefaultValue("10s") Duration timeout) {
}
