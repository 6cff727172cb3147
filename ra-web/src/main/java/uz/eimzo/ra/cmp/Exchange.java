package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;

import java.nio.charset.StandardCharsets;

/**
 * One request and what its answer needs: the client's MAC secret once it was verified (the answer is then
 * MAC-protected), else the answer is signed by the issuing CA.
 */
final class Exchange {

    final PKIMessage request;
    /** The client's address as the HTTP layer saw it, or null when unknown (direct calls). */
    final String client;
    char[] macSecret;
    PBMParameter macParameters;

    Exchange(PKIMessage request, String client) {
        this.request = request;
        this.client = client;
    }

    PKIHeader header() {
        return request.getHeader();
    }

    int type() {
        return request.getBody().getType();
    }

    /** Who the request says it is: the senderKID (an enrollment reference) or else the sender's name. */
    String claimedSender() {
        PKIHeader header = header();
        String sender = header.getSenderKID() != null
                ? new String(header.getSenderKID().getOctets(), StandardCharsets.UTF_8)
                : String.valueOf(header.getSender().getName());
        return sender.length() > 190 ? sender.substring(0, 190) : sender;
    }

    /** The keys failed protection checks are counted under. */
    String[] throttleKeys() {
        return new String[]{"sender:" + claimedSender(), client == null ? null : "address:" + client};
    }
}
