package uz.eimzo.ocsp.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The OCSP request parser under Jazzer: anything a relying party (or an attacker) sends either parses or is a
 * {@link MalformedRequestException}, which the responder answers with malformedRequest; nothing else may escape.
 */
class OcspRequestFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void ocspRequestsAreParsedOrRefused(byte[] input) {
        try {
            OcspRequests.parse(input);
        } catch (MalformedRequestException expected) {
            // answered with malformedRequest
        }
    }
}
