package uz.eimzo.ra.archfixture;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixture, breaks the storage rules: SQL in a class that is not a store. */
class QueriesDirectly {

    private final JdbcClient jdbc;

    QueriesDirectly(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long certificates() {
        return jdbc.sql("select count(*) from certificate").query(Long.class).single();
    }
}
