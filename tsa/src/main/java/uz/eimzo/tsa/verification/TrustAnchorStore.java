package uz.eimzo.tsa.verification;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.x509.Certificates;

import java.util.ArrayList;
import java.util.List;

/** Reads the CAs a chain may end in: ours (table {@code ca}) first, then the recognised ones ({@code recognised_ca}). */
public final class TrustAnchorStore {

    private final JdbcClient jdbc;

    public TrustAnchorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Anchor> load() {
        List<Anchor> anchors = new ArrayList<>(jdbc.sql("select id, name, certificate, parent_id from ca order by id")
                .query((rs, n) -> new Anchor(Anchor.Kind.OURS, rs.getInt("id"), rs.getString("name"),
                        Certificates.parse(rs.getBytes("certificate")), rs.getObject("parent_id", Integer.class)))
                .list());
        jdbc.sql("select id, name, certificate, issuer_id from recognised_ca order by id")
                .query((rs, n) -> new Anchor(Anchor.Kind.RECOGNISED, rs.getInt("id"), rs.getString("name"),
                        Certificates.parse(rs.getBytes("certificate")), rs.getObject("issuer_id", Integer.class)))
                .list().forEach(anchors::add);
        return List.copyOf(anchors);
    }
}
