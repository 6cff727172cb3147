package uz.eimzo.ocsp.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uz.eimzo.ocsp.publication.Publications;
import uz.eimzo.ocsp.replica.ReadRouting;

import java.time.Duration;
import java.util.Optional;

/** CRLs at the CRL distribution point URLs and CA certificates at the AIA caIssuers URLs our certificates name. */
@RestController
class PublicationController {

    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
    static final MediaType PKIX_CERT = MediaType.parseMediaType("application/pkix-cert");
    private static final String CA_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    private final Publications publications;

    PublicationController(ReadRouting reads) {
        this.publications = new Publications(reads);
    }

    /** {@code /crl/{ca}.crl} is the full CRL, {@code /crl/{ca}-delta.crl} the newest delta CRL. */
    @GetMapping("/crl/{file}")
    public ResponseEntity<byte[]> crl(@PathVariable String file) {
        if (!file.endsWith(".crl")) {
            return ResponseEntity.notFound().build();
        }
        String name = file.substring(0, file.length() - ".crl".length());
        Optional<byte[]> der;
        if (name.endsWith("-delta")) {
            String ca = name.substring(0, name.length() - "-delta".length());
            der = ca.matches(CA_NAME) ? publications.deltaCrl(ca) : Optional.empty();
        } else {
            der = name.matches(CA_NAME) ? publications.fullCrl(name) : Optional.empty();
        }
        return der.map(bytes -> ResponseEntity.ok().contentType(PKIX_CRL)
                        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/ca/{file}")
    public ResponseEntity<byte[]> caCertificate(@PathVariable String file) {
        if (!file.endsWith(".crt")) {
            return ResponseEntity.notFound().build();
        }
        String name = file.substring(0, file.length() - ".crt".length());
        Optional<byte[]> der = name.matches(CA_NAME) ? publications.caCertificate(name) : Optional.empty();
        return der.map(bytes -> ResponseEntity.ok().contentType(PKIX_CERT)
                        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
