package uz.eimzo.tsa.encoding;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import java.util.Set;

/**
 * The time-stamp request parser under Jazzer: anything a client (or an attacker) sends either parses into a query
 * or is a {@link RefusedRequestException}, which the TSA answers with a rejection; nothing else may escape.
 */
class TimeStampRequestFuzzTest {

    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.2.3.4.1");
    private static final TimeStampRequests REQUESTS = new TimeStampRequests(16384, POLICY, Set.of(POLICY));

    @FuzzTest(maxDuration = "20s")
    void timeStampRequestsAreParsedOrRefused(byte[] input) {
        try {
            REQUESTS.parse(input);
        } catch (RefusedRequestException expected) {
            // answered with a rejection
        }
    }
}
