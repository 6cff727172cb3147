package uz.eimzo.ra.tracing;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.monitoring.tracing.RequestIdFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** Monitoring does not depend on the CA, so the two modules name the request id's logging key separately. */
class RequestIdKeyTest {

    @Test
    void theAuditLogReadsTheKeyTheRequestIdFilterWrites() {
        assertThat(AuditLog.REQUEST_ID).isEqualTo(RequestIdFilter.MDC_KEY);
    }
}
