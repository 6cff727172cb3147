package uz.eimzo.ra.cmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ra.support.RaTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CMP endpoint under Jazzer, on the running application and its real database: whatever arrives, the
 * answer is a CMP message (an error with PKIFailureInfo for garbage), never an exception.
 */
class CmpFuzzTest extends RaTestBase {

    @Autowired
    CmpServer cmp;

    @FuzzTest(maxDuration = "20s")
    void cmpMessagesAlwaysGetACmpAnswer(byte[] input) {
        byte[] answer = cmp.handle(input, null);
        assertThat(PKIMessage.getInstance(answer)).isNotNull();
    }
}
