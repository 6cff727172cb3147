package uz.eimzo.ra.myid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Remote identity confirmation by MyID ({@code eimzo.myid.*}).
 *
 * @param enabled       offer the remote check on the tracking page (to the applicant types each centre allows)
 * @param baseUrl       MyID's backend API; empty with the simulator on means the simulator's own address
 * @param clientId      the integrator's client id issued by MyID
 * @param clientSecret  the integrator's client secret (never logged)
 * @param captureUrl    where the applicant's browser goes to show their face; {session} and {return} are filled in.
 *                      Empty with the simulator on means the simulator's page
 * @param threshold     the face match threshold MyID applies (0.5 to 0.99)
 * @param timeout       how long one call to MyID may take
 * @param simulator     start the local MyID simulator (demo and tests only: it compares no face)
 * @param simulatorPort the simulator's loopback port; 0 picks a free one
 */
@ConfigurationProperties("eimzo.myid")
public record MyIdProperties(@DefaultValue("false") boolean enabled,
                             @DefaultValue("") String baseUrl,
                             @DefaultValue("") String clientId,
                             @DefaultValue("") String clientSecret,
                             @DefaultValue("") String captureUrl,
                             @DefaultValue("0.7") double threshold,
                             @DefaultValue("10s") Duration timeout,
                             @DefaultValue("false") boolean simulator,
                             @DefaultValue("0") int simulatorPort) {

    @Override
    public String toString() {
        return "MyIdProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", clientId=" + clientId + ", simulator=" + simulator + "]";
    }
}
