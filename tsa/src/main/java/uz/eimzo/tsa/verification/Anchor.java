package uz.eimzo.tsa.verification;

import java.security.cert.X509Certificate;

/**
 * A CA certificate a chain may end in: one of ours (table {@code ca}), whose end-entity certificates' status we
 * know from our own records, or a recognised external CA (table {@code recognised_ca}), whose we do not.
 *
 * @param id       the row's id in its table
 * @param parentId the issuing CA's id in the same table, or null for a root
 */
public record Anchor(Kind kind, int id, String name, X509Certificate certificate, Integer parentId) {

    public enum Kind {
        /** A CA this centre operates: the status of what it issued is in table {@code certificate}. */
        OURS,
        /** A CA recognised from its certificate alone (the national root, another centre): status not checked here. */
        RECOGNISED
    }
}
