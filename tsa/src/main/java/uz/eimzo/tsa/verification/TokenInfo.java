package uz.eimzo.tsa.verification;

import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

import java.time.Instant;

/**
 * What a time-stamp token says, as plain values for the answers: its policy, time, serial (hex), TSA name, message
 * imprint, and the issuer and serial (hex) of the certificate that signed it.
 */
public record TokenInfo(String policy, Instant genTime, String serialHex, String tsa, String imprintAlgorithm,
                        byte[] imprintDigest, String signerIssuer, String signerSerialHex) {

    static TokenInfo of(TimeStampToken token) {
        TimeStampTokenInfo info = token.getTimeStampInfo();
        return new TokenInfo(info.getPolicy().getId(), info.getGenTime().toInstant(), info.getSerialNumber().toString(16),
                info.getTsa() == null ? null : info.getTsa().toString(), info.getMessageImprintAlgOID().getId(),
                info.getMessageImprintDigest(), Names.text(token.getSID().getIssuer()),
                token.getSID().getSerialNumber() == null ? null : token.getSID().getSerialNumber().toString(16));
    }
}
