package uz.eimzo.ca.authority;

import uz.eimzo.ca.keys.KeyAlgorithm;

import java.security.cert.X509Certificate;

/** A CA we operate: its certificate and the reference to its signing key (never the key itself). */
public record CertificateAuthority(int id, String name, X509Certificate certificate, Integer parentId,
                                   String keyReference, KeyAlgorithm keyAlgorithm) {

    public boolean root() {
        return parentId == null;
    }
}
