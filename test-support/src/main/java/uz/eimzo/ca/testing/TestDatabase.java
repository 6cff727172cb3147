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

    TestDatabase(String name, String url, String user, String password) {
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
        PostgresServer.get().drop(name);
    }
}
