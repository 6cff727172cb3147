package uz.eimzo.ocsp.authorities;

import java.security.cert.X509Certificate;

/** A CA this responder answers for, as table {@code ca} describes it. */
public record ServedCa(int id, String name, X509Certificate certificate, byte[] nameHashSha1, byte[] keyHashSha1,
                       byte[] nameHashSha256, byte[] keyHashSha256) {
}
