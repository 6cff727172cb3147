package uz.eimzo.ca.issuance;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * ca-core's independent E-IMZO agent reader ({@code AgentPfxReader}, written from the agent's acceptance rules and
 * sharing no code with any writer), opened to ra-web's tests of the key files browsers write.
 */
public final class AgentPfxFiles {

    /** A key the agent opened: its PKCS#8 and the certificate it found for it by localKeyId. */
    public record Opened(byte[] pkcs8, X509Certificate certificate) {
    }

    private AgentPfxFiles() {
    }

    /** The aliases the agent lists before asking for any password. */
    public static List<String> aliases(byte[] pfx) {
        return AgentPfxReader.listAliases(pfx);
    }

    /** Opens the key of {@code alias} as the agent does: MAC checked, key decrypted, certificate found. */
    public static Opened open(byte[] pfx, String alias, char[] password) throws Exception {
        AgentPfxReader.Opened opened = AgentPfxReader.open(pfx, alias, password);
        return new Opened(opened.pkcs8(), opened.certificate());
    }
}
