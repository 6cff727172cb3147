package uz.eimzo.ra.reminders;

import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.reminders.ExpiryReminders;
import uz.eimzo.ca.scheduling.CaJobs;

import javax.sql.DataSource;
import java.time.Clock;

/** With {@code eimzo.reminders.enabled=true}: this node joins the clustered scheduler and runs the reminder job. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "eimzo.reminders.enabled", havingValue = "true")
class ReminderConfiguration {

    @Bean(destroyMethod = "shutdown")
    Scheduler reminderScheduler(DataSource dataSource, CaServices ca, JavaMailSender mail, ReminderProperties properties,
                                Clock clock) throws Exception {
        // Host and process make the node's identity in the cluster: unique, and stable for the life of the process.
        Scheduler scheduler = ClusteredScheduler.create(dataSource, "eimzo-ca",
                java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid());
        CaJobs.registerReminders(scheduler, new ExpiryReminders(ca.jdbc(), clock), new ReminderMailbox(mail, properties),
                properties.every());
        scheduler.start();
        return scheduler;
    }
}
