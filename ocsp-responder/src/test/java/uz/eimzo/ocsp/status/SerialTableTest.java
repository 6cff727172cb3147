package uz.eimzo.ocsp.status;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerialTableTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void findsExactlyTheSerialsItWasBuiltFromAcrossTheWholeRange() {
        TreeSet<BigInteger> serials = new TreeSet<>();
        // Both halves of each long: the low word compares unsigned, the high word must never look negative.
        serials.add(BigInteger.ONE);
        serials.add(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        serials.add(BigInteger.ONE.shiftLeft(64));
        serials.add(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
        while (serials.size() < 5_000) {
            serials.add(new BigInteger(127, random).setBit(63));
        }
        SerialTable.Builder builder = new SerialTable.Builder(10);
        serials.forEach(builder::add);
        SerialTable table = builder.build();

        assertThat(table.size()).isEqualTo(serials.size());
        assertThat(serials).allMatch(table::contains);
        for (int i = 0; i < 5_000; i++) {
            BigInteger other = new BigInteger(127, random);
            assertThat(table.contains(other)).isEqualTo(serials.contains(other));
        }
        assertThat(table.contains(BigInteger.TWO)).isFalse();
    }

    @Test
    void eachSerialHasAPositionThatGivesItBack() {
        TreeSet<BigInteger> serials = new TreeSet<>();
        serials.add(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        serials.add(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
        while (serials.size() < 1_000) {
            serials.add(new BigInteger(127, random).setBit(63));
        }
        SerialTable.Builder builder = new SerialTable.Builder(10);
        serials.forEach(builder::add);
        SerialTable table = builder.build();

        int position = 0;
        for (BigInteger serial : serials) {
            assertThat(table.indexOf(serial)).isEqualTo(position);
            assertThat(table.get(position)).isEqualTo(serial);
            position++;
        }
        assertThat(table.indexOf(BigInteger.TWO)).isEqualTo(-1);
    }

    @Test
    void serialsOutsideTheTableRangeAreNeverContainedAndCannotBeAdded() {
        BigInteger tooLong = BigInteger.ONE.shiftLeft(127);

        assertThat(SerialTable.fits(tooLong)).isFalse();
        assertThat(SerialTable.EMPTY.contains(tooLong)).isFalse();
        assertThat(SerialTable.EMPTY.contains(BigInteger.ZERO)).isFalse();
        assertThatThrownBy(() -> new SerialTable.Builder(1).add(tooLong)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serialsMustComeInAscendingOrder() {
        SerialTable.Builder builder = new SerialTable.Builder(1);
        builder.add(BigInteger.TEN);

        assertThatThrownBy(() -> builder.add(BigInteger.TWO)).isInstanceOf(IllegalArgumentException.class);
    }
}
