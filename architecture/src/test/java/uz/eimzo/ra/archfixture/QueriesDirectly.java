package uz.eimzo.ra.archfixture;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.CaServices;

/** Fixture, breaks the storage rules: SQL in a class that is not a store, on the client {@code CaServices} hands out. */
class QueriesDirectly {

    long certificates(CaServices ca) {
        JdbcClient jdbc = ca.jdbc();
        return jdbc.sql("select count(*) from certificate").query(Long.class).single();
    }
}
