package uz.eimzo.ra.reminders;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A Quartz scheduler on the clustered JDBC job store of V2 over a given pool: several "nodes" in one test JVM. */
public final class ClusteredScheduler {

    private ClusteredScheduler() {
    }

    /**
     * Creates (not starts) a scheduler. Nodes sharing {@code name} and the database share jobs and run each firing once.
     *
     * @param instanceId unique per node (Quartz's AUTO generator uses host name and time)
     */
    public static Scheduler create(DataSource dataSource, String name, String instanceId) throws SchedulerException {
        String provider = "eimzo-" + name + "-" + instanceId;
        DBConnectionManager.getInstance().addConnectionProvider(provider, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // The pool belongs to the application, which closes it.
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.dataSource", provider);
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        // StdSchedulerFactory caches schedulers by name; a second node in one JVM (tests) must be a new instance.
        SchedulerRepository.getInstance().remove(name);
        return scheduler;
    }
}
