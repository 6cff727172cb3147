package uz.eimzo.tsa.ledger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's group commit, against the real table: each record is stored as it was given (numbers, time, texts,
 * bytes, a missing nonce), a batch (gathered, as under load) gets consecutive chain positions with the hashes the database's own
 * {@code timestamp_token_hash} gives, and a batch that cannot be stored is stored not at all, its requests told so.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenLedgerTest {

    TestDatabase db;
    JdbcClient jdbc;
    TokenLedger ledger;

    @BeforeAll
    void start(TestDatabase db) {
        this.db = db;
        jdbc = JdbcClient.create(db.dataSource());
        ledger = new TokenLedger(db.dataSource(), 64, Duration.ofSeconds(10), 2, Duration.ofMillis(5));
    }

    @AfterAll
    void stop() {
        ledger.close();
    }

    static TokenRecord token(BigInteger serial, byte[] nonce) {
        return new TokenRecord(serial, Instant.parse("2026-12-08T02:30:15.123Z"), "1.2.860.3.2.11.1",
                "SHA256", new byte[] {0, 1, 2, (byte) 0xFF, 0x5C, 0x78}, nonce, "Toshkent TSA ‘1’ — №7",
                new BigInteger("123456789012345678901234567890123456789012345678"));
    }

    @Test
    void aRecordIsStoredAsGiven() {
        BigInteger serial = BigInteger.ONE.shiftLeft(126).add(BigInteger.valueOf(10_000_0001));
        ledger.record(token(serial, new byte[] {0, (byte) 0x80, 7}));

        Map<String, Object> row = jdbc.sql("""
                select serial, gen_time, policy, imprint_algorithm, imprint, nonce, tsa, signer_serial, seq, hash
                from timestamp_token where serial = ?""").param(new BigDecimal(serial)).query().singleRow();

        assertThat(((BigDecimal) row.get("serial")).toBigIntegerExact()).isEqualTo(serial);
        assertThat(((Timestamp) row.get("gen_time")).toInstant()).isEqualTo(Instant.parse("2026-12-08T02:30:15.123Z"));
        assertThat(row.get("policy")).isEqualTo("1.2.860.3.2.11.1");
        assertThat(row.get("imprint_algorithm")).isEqualTo("SHA256");
        assertThat((byte[]) row.get("imprint")).containsExactly(0, 1, 2, 0xFF, 0x5C, 0x78);
        assertThat((byte[]) row.get("nonce")).containsExactly(0, 0x80, 7);
        assertThat(row.get("tsa")).isEqualTo("Toshkent TSA ‘1’ — №7");
        assertThat(((BigDecimal) row.get("signer_serial")).toBigIntegerExact())
                .isEqualTo(new BigInteger("123456789012345678901234567890123456789012345678"));
        assertThat(row.get("seq")).isNotNull();
        assertThat((byte[]) row.get("hash")).hasSize(32);
    }

    @Test
    void serialsOfEveryLengthAndAMissingNonceAreStoredAsGiven() {
        List<BigInteger> serials = new ArrayList<>();
        for (String s : List.of("1", "9999", "10000", "10001", "99990000", "100000000", "1000000000000",
                "9223372036854775807", "9223372036854775808", "10000000000000000", "9999999999999999",
                "100000000000000000000000000000000", "170141183460469231731687303715884105727")) {
            serials.add(new BigInteger(s).add(BigInteger.ONE.shiftLeft(100)));
            serials.add(new BigInteger(s));
        }
        serials.forEach(s -> ledger.record(token(s, null)));

        for (BigInteger serial : serials) {
            assertThat(jdbc.sql("select nonce is null from timestamp_token where serial = ?")
                    .param(new BigDecimal(serial)).query(Boolean.class).single()).as(serial.toString()).isTrue();
        }
    }

    @Test
    void aBatchIsChainedInOrderWithTheDatabasesOwnHash() {
        List<CompletableFuture<Void>> committed = new ArrayList<>();
        BigInteger first = BigInteger.valueOf(7_000_000);
        for (int i = 0; i < 200; i++) {
            committed.add(ledger.submit(token(first.add(BigInteger.valueOf(i)), BigInteger.valueOf(i).toByteArray())));
        }
        committed.forEach(CompletableFuture::join);

        List<Map<String, Object>> rows = jdbc.sql("""
                select seq, prev_hash, hash, coalesce((select t.hash from timestamp_token t where t.seq < r.seq
                                                       order by t.seq desc limit 1), ?) as before,
                       timestamp_token_hash(prev_hash, seq, serial, gen_time, policy, imprint_algorithm, imprint, nonce,
                                            tsa, signer_serial, recorded_at) as expected
                from timestamp_token r where serial between ? and ? order by seq""")
                .params(new byte[32], new BigDecimal(first), new BigDecimal(first.add(BigInteger.valueOf(199)))).query().listOfRows();
        assertThat(rows).hasSize(200);
        for (Map<String, Object> row : rows) {
            assertThat((byte[]) row.get("hash")).isEqualTo((byte[]) row.get("expected"));
            assertThat((byte[]) row.get("prev_hash")).isEqualTo((byte[]) row.get("before"));
        }
    }

    @Test
    void aRecordThatCannotBeStoredIsRefusedToItsRequestAndAddsNothing() {
        BigInteger taken = BigInteger.valueOf(9_000_000);
        ledger.record(token(taken, null));
        long before = jdbc.sql("select count(*) from timestamp_token").query(Long.class).single();

        assertThatThrownBy(() -> ledger.submit(token(taken, null)).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TokenLedger.LedgerException.class);
        assertThatThrownBy(() -> ledger.record(token(taken, null))).isInstanceOf(TokenLedger.LedgerException.class);

        assertThat(jdbc.sql("select count(*) from timestamp_token").query(Long.class).single()).isEqualTo(before);
    }
}
