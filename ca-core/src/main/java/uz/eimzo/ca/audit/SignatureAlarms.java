package uz.eimzo.ca.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.keys.KeyUnavailableException;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What happens when a signature the CA has just made does not verify with the CA certificate's public key (a faulty
 * HSM, a key that is not the certificate's, an encoder bug): the signed object is neither stored nor published, and
 * the alarm is raised three ways: a log line at ERROR, an audit event {@code <kind>.signature.unverified} recorded in a
 * transaction of its own (it survives the refused work), and every listener is told (the RA counts them as the meter
 * {@code eimzo.signature.unverified}).
 */
public final class SignatureAlarms {

    /** What was signed. */
    public enum Kind {
        CRL, AUDIT_CHECKPOINT;

        /** Lower-case, dash-separated: the meter tag. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The audit action of the alarm. */
        public String action() {
            return name().toLowerCase(Locale.ROOT).replace('_', '.') + ".signature.unverified";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SignatureAlarms.class);

    private final AuditLog audit;
    private final TransactionTemplate separately;
    private final List<Consumer<Kind>> listeners = new CopyOnWriteArrayList<>();

    /** @param transactions any template of the database's transaction manager; alarms are recorded in new transactions */
    public SignatureAlarms(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.audit = new AuditLog(jdbc, clock);
        this.separately = new TransactionTemplate(transactions.getTransactionManager());
        separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Calls {@code listener} with the kind of every alarm from now on, e.g. to count them. */
    public void onAlarm(Consumer<Kind> listener) {
        listeners.add(listener);
    }

    /**
     * Raises the alarm for a signature of {@code caName} that did not verify, after the work it belonged to was
     * abandoned, and returns the exception the caller throws.
     */
    public KeyUnavailableException raise(Kind kind, String caName, Map<String, String> details) {
        log.error("ALARM: a {} signed by CA {} does not verify with the CA's public key; nothing was stored or published ({})",
                kind.tag(), caName, details);
        try {
            separately.executeWithoutResult(status -> audit.record(AuditEvent.failure("system", kind.action(), caName, details)));
        } catch (RuntimeException e) {
            log.error("ALARM could not be audited: {}", e.toString());
        }
        for (Consumer<Kind> listener : listeners) {
            try {
                listener.accept(kind);
            } catch (RuntimeException e) {
                log.warn("Signature alarm listener failed: {}", e.toString());
            }
        }
        return new KeyUnavailableException("The key of CA " + caName + " produced a " + kind.tag()
                + " signature that does not verify; nothing was stored or published");
    }
}
