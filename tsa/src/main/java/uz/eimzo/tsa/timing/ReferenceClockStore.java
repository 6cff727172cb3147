package uz.eimzo.tsa.timing;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.OffsetDateTime;

/** The second opinion on the time: the database server's clock. */
public final class ReferenceClockStore {

    private final JdbcClient jdbc;

    public ReferenceClockStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The database server's time: the start of this one-statement transaction. */
    OffsetDateTime now() {
        return jdbc.sql("select now()").query(OffsetDateTime.class).single();
    }
}
