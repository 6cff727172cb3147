package uz.eimzo.ra.publication;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.x509.Certificates;

import java.nio.charset.StandardCharsets;

/** CA certificates for operators and applicants to download (DER or PEM). */
@RestController
class CaCertificateController {

    private static final MediaType PKIX_CERT = MediaType.parseMediaType("application/pkix-cert");
    private final CaServices ca;

    CaCertificateController(CaServices ca) {
        this.ca = ca;
    }

    @GetMapping("/ca/{name}.crt")
    ResponseEntity<byte[]> der(@PathVariable String name) {
        return ca.authoritiesDirectory().byName(name)
                .map(a -> ResponseEntity.ok().contentType(PKIX_CERT).body(Certificates.der(a.certificate())))
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/ca/{name}.pem")
    ResponseEntity<byte[]> pem(@PathVariable String name) {
        return ca.authoritiesDirectory().byName(name)
                .map(a -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                        .body(Certificates.pem(a.certificate()).getBytes(StandardCharsets.US_ASCII)))
                .orElse(ResponseEntity.notFound().build());
    }
}
