package uz.eimzo.ca.ceremony;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.audit.SignatureAlarms;
import uz.eimzo.ca.checkpoints.AuditCheckpoints;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The time-stamp authority's token ledger is tamper-evident like the audit log: {@code verify-audit} names a token
 * row edited directly in PostgreSQL, whether or not whoever edited it recomputed the ledger's hash chain (the signed
 * checkpoint reveals the latter).
 */
class VerifyAuditTokenLedgerTest {

    static final BigInteger EDITED = new BigInteger("5eed000000000002", 16);

    TestDatabase db;
    TestCa ca;

    @BeforeEach
    void ledgerWithACheckpoint(@TempDir Path directory) {
        db = PostgresServer.get().newDatabase(); // history is rewritten: a database of its own
        ca = TestCa.create(db.dataSource(), directory);
        for (int i = 1; i <= 3; i++) {
            token(new BigInteger("5eed00000000000" + i, 16));
        }
        checkpoints().checkpoint(TestCa.ROOT).orElseThrow();
        token(new BigInteger("5eed000000000004", 16));
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    AuditCheckpoints checkpoints() {
        return new AuditCheckpoints(ca.jdbc, ca.services.authoritiesDirectory(), new CaSigner(List.of(ca.storage)),
                Clock.systemUTC(), new SignatureAlarms(ca.jdbc, ca.transactions, Clock.systemUTC()));
    }

    /** What the TSA's ledger writes for a token (tsa TokenLedger). */
    void token(BigInteger serial) {
        ca.jdbc.sql("""
                insert into timestamp_token (serial, gen_time, policy, imprint_algorithm, imprint, nonce, tsa, signer_serial)
                values (?, ?, '1.2.860.3.2.11.1', '2.16.840.1.101.3.4.2.1', ?, null, 'tsa', 1234)""")
                .params(new BigDecimal(serial), Timestamp.from(Instant.now()), new byte[32]).update();
    }

    String[] verifyAudit(int expectedCode) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CeremonyCli.execute(new Terminal(Map.of(DatabaseOptions.PASSWORD_VARIABLE, db.password()),
                        question -> null, new PrintWriter(out), new PrintWriter(err)),
                "verify-audit", "--db-url", db.url(), "--db-user", db.user(), "--operator", "auditor");
        assertThat(code).as(out + "\n" + err).isEqualTo(expectedCode);
        return new String[]{out.toString(), err.toString()};
    }

    /** The owner, with the append-only trigger disabled, changes the imprint a token stamped. */
    void editImprint(boolean recomputeChain) {
        ca.jdbc.sql("alter table timestamp_token disable trigger timestamp_token_no_update").update();
        try {
            ca.jdbc.sql("update timestamp_token set imprint = ? where serial = ?")
                    .params(new byte[]{1, 2, 3}, new BigDecimal(EDITED)).update();
            if (recomputeChain) {
                byte[] previous = null;
                for (long seq : ca.jdbc.sql("select seq from timestamp_token order by seq").query(Long.class).list()) {
                    if (previous != null) {
                        ca.jdbc.sql("update timestamp_token set prev_hash = ? where seq = ?").params(previous, seq).update();
                    }
                    ca.jdbc.sql("""
                            update timestamp_token set hash = timestamp_token_hash(prev_hash, seq, serial, gen_time, policy,
                                imprint_algorithm, imprint, nonce, tsa, signer_serial, recorded_at) where seq = ?""")
                            .param(seq).update();
                    previous = ca.jdbc.sql("select hash from timestamp_token where seq = ?").param(seq)
                            .query(byte[].class).single();
                }
            }
        } finally {
            ca.jdbc.sql("alter table timestamp_token enable trigger timestamp_token_no_update").update();
        }
    }

    @Test
    void anUntouchedLedgerVerifiesWithItsTokensCounted() {
        String[] output = verifyAudit(0);

        assertThat(output[0]).contains("4 time-stamp tokens verified");
    }

    @Test
    void anEditedTokenRowIsNamedByTheChainWalk() {
        editImprint(false);

        String[] output = verifyAudit(1);

        assertThat(output[1]).contains("time-stamp token " + EDITED.toString(16)).contains("edited");
    }

    @Test
    void anEditedTokenRowWithTheChainRecomputedIsNamedByTheSignedCheckpoint() {
        editImprint(true);

        String[] output = verifyAudit(1);

        assertThat(output[1]).contains("checkpoint").contains("time-stamp token " + EDITED.toString(16))
                .contains("no longer has the hash checkpoint");
    }

    @Test
    void theLedgerIsAppendOnlyEvenForItsOwner() {
        assertThatThrownBy(() -> ca.jdbc.sql("update timestamp_token set policy = '1.2.3'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> ca.jdbc.sql("delete from timestamp_token").update())
                .hasMessageContaining("append-only");
    }
}
