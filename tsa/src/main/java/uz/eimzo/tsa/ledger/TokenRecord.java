package uz.eimzo.tsa.ledger;

import java.math.BigInteger;
import java.time.Instant;

/** What is kept of one token: enough to recognise it (serial, time, imprint, policy) and who signed it. */
public record TokenRecord(BigInteger serial, Instant genTime, String policy, String imprintAlgorithm, byte[] imprint,
                          byte[] nonce, String tsa, BigInteger signerSerial) {
}
