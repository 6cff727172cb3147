package uz.eimzo.ra.archfixture;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixture, keeps the storage rules: a store may hold the client and run SQL. */
class RequestStore {

    private final JdbcClient jdbc;

    RequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count() {
        return jdbc.sql("select count(*) from request").query(Long.class).single();
    }
}
