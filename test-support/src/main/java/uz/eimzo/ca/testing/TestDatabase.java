package uz.eimzo.ca.testing;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/** A migrated database of its own for one test class; closed and dropped after it. */
public final class TestDatabase implements AutoCloseable {

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final DataSource dataSource;
    private final Runnable drop;

    TestDatabase(String name, String url, String user, String password) {
        this(name, url, user, password, () -> PostgresServer.get().drop(name));
    }

    /** @param drop what closing does after the pool is closed: dropping the database, or nothing */
    TestDatabase(String name, String url, String user, String password, Runnable drop) {
        this.drop = drop;
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dataSource = PostgresServer.pool(url, user, password);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        ((HikariDataSource) dataSource).close();
        drop.run();
    }
}
