package uz.eimzo.ca.storage;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.CaServices;

import javax.sql.DataSource;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CA core hands out services and stores, never the database: SQL that callers could write against a
 * {@code JdbcClient} or a transaction they could open would bypass the stores (issue 14, "storage per aggregate").
 */
class NoDatabaseHandedOutTest {

    @Test
    void caServicesOffersNeitherAJdbcClientNorATransactionTemplate() {
        List<String> handedOut = Arrays.stream(CaServices.class.getRecordComponents())
                .map(RecordComponent::getType).map(Class::getName).toList();

        assertThat(handedOut).noneMatch(type -> type.startsWith("org.springframework.jdbc")
                || type.startsWith("org.springframework.transaction") || type.equals(DataSource.class.getName()));
    }
}
