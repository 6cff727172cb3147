package uz.eimzo.ca.ceremony;

import picocli.CommandLine.Command;
import uz.eimzo.ca.checkpoints.AuditCheckpoints;
import uz.eimzo.ca.checkpoints.TokenLedgerStore;
import uz.eimzo.ca.audit.AuditVerification;
import uz.eimzo.ca.audit.SignatureAlarms;
import uz.eimzo.ca.signing.CaSigner;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Walks the audit log's hash chain and the time-stamp token ledger's, and checks both against the signed checkpoints;
 * exits 1 and names the first broken row or token when history was changed.
 */
@Command(name = "verify-audit", mixinStandardHelpOptions = true,
        description = "Verify the audit log's and the time-stamp token ledger's hash chains and checkpoints, and report "
                + "the first broken link.")
final class VerifyAuditCommand extends CaCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try (var session = database.open(terminal(), new CaSigner(List.of()), null)) {
            var services = session.services();
            var checkpoints = new AuditCheckpoints(session.jdbc(), services.authoritiesDirectory(),
                    new CaSigner(List.of()), Clock.systemUTC(), new SignatureAlarms(
                    session.jdbc(), session.transactions(), Clock.systemUTC())).verify();
            // The first broken row, whether the chain or a signed checkpoint reveals it.
            AuditVerification.Result result = new AuditVerification(session.jdbc()).verify(checkpoints);
            if (result.intact() && !checkpoints.intact()) {
                terminal().err().println("Audit checkpoint " + checkpoints.firstBrokenCheckpoint() + " BROKEN: "
                        + checkpoints.problem());
                return 1;
            }
            TokenLedgerStore ledger = new TokenLedgerStore(session.jdbc());
            TokenLedgerStore.Finding token = result.intact() ? ledger.walk() : null;
            if (token != null) {
                terminal().err().println("Time-stamp token ledger BROKEN: " + token.text());
                return 1;
            }
            if (result.intact()) {
                terminal().out().println("Audit log intact: " + result.rowsChecked() + " rows verified, "
                        + ledger.count() + " time-stamp tokens verified, " + checkpoints.checkpointsChecked()
                        + " signed checkpoints hold");
                return 0;
            }
            terminal().err().println("Audit log BROKEN at row " + result.firstBrokenId() + ": " + result.problem()
                    + " (" + result.rowsChecked() + " rows before it verified)");
            return 1;
        }
    }
}
