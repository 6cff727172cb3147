package uz.eimzo.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.eimzo.architecture.CodeBase.fixtures;
import static uz.eimzo.architecture.Violations.reported;

/**
 * The class-file rules of docs/architecture.md: each holds for the main code of every module (with the allowances
 * named in {@link Allowances}), and each reports the fixture made to break it.
 */
class BoundariesTest {

    private static final JavaClasses CODE = CodeBase.mainClasses();
    private static final JavaClasses RA_FIXTURES = fixtures("uz.eimzo.ra.archfixture");

    @ParameterizedTest
    @ValueSource(strings = {"ca-crypto", "ca-core", "registration", "monitoring", "fast-http", "ra-web", "ocsp-responder",
            "tsa", "launcher", "bench", "test-support"})
    void theRulesReadEveryModulesCompiledCode(String module) throws IOException {
        try (Stream<Path> files = Files.walk(CodeBase.classesOf(module))) {
            assertThat(files.filter(f -> f.toString().endsWith(".class")).count()).isPositive();
        }
        assertThat(CodeBase.MODULES).contains(module);
    }

    @Nested
    class ModuleGraph {

        @Test
        void theCodeFollowsTheMavenModuleGraph() {
            Boundaries.moduleGraph().check(CODE);
        }

        @Test
        void cryptoDependingOnTheCaIsReported() {
            assertThat(reported(Boundaries.moduleGraph(), fixtures("uz.eimzo.ca.gost.archfixture")))
                    .contains("ReachesIntoTheCa").contains("uz.eimzo.ca.issuance.Issuer");
        }

        @Test
        void theResponderDependingOnTheCaCoreIsReported() {
            assertThat(reported(Boundaries.moduleGraph(), fixtures("uz.eimzo.ocsp.archfixture")))
                    .contains("ReadsTheCaDirectory").contains("uz.eimzo.ca.authority.CaDirectory");
        }

        @Test
        void theSharedListenerDependingOnTheResponderIsReported() {
            assertThat(reported(Boundaries.moduleGraph(), fixtures("uz.eimzo.fasthttp.archfixture")))
                    .contains("AnswersOcspItself").contains("uz.eimzo.ocsp.responding.OcspResponder");
        }
    }

    @Nested
    class Cycles {

        @ParameterizedTest
        @ValueSource(strings = {"uz.eimzo", "uz.eimzo.ca", "uz.eimzo.ra", "uz.eimzo.ocsp", "uz.eimzo.tsa",
                "uz.eimzo.monitoring"})
        void noPackageCycleUnder(String base) {
            Boundaries.noCyclesUnder(base, Allowances.TODAY_CYCLE_EDGES).check(CODE);
        }

        @Test
        void aCycleBetweenTwoPackagesIsReported() {
            assertThat(reported(Boundaries.noCyclesUnder("uz.eimzo.ra.archfixture", Set.of()), RA_FIXTURES))
                    .contains("Cycle detected").contains("ping").contains("pong");
        }
    }

    @Nested
    class SigningKeys {

        @Test
        void onlyTheSigningCodeHandlesKeys() {
            Set<String> tolerated = new HashSet<>(Allowances.TODAY_KEY_USERS);
            tolerated.addAll(Allowances.KEY_USERS_BY_DESIGN.keySet());
            Boundaries.signingKeys(tolerated).check(CODE);
        }

        @Test
        void registrationCodeOpeningACaKeyAndCallingInitSignIsReported() {
            assertThat(reported(Boundaries.signingKeys(Set.of()), RA_FIXTURES))
                    .contains("OpensCaKey").contains("KeyResolver").contains("SigningKey").contains("initSign");
        }
    }

    @Nested
    class BouncyCastle {

        @Test
        void onlyTheEncodingPackagesUseBouncyCastle() {
            Boundaries.bouncyCastle(Allowances.TODAY_BOUNCY_CASTLE).check(CODE);
        }

        @Test
        void aWebPackageParsingDerIsReported() {
            assertThat(reported(Boundaries.bouncyCastle(Set.of()), RA_FIXTURES)).contains("ParsesDer")
                    .contains("org.bouncycastle.asn1.ASN1Primitive");
        }
    }

    @Nested
    class Controllers {

        @Test
        void noControllerIsPublic() {
            Boundaries.controllersNotPublic(Allowances.TODAY_PUBLIC_CONTROLLERS).check(CODE);
        }

        @Test
        void aPublicControllerIsReported() {
            assertThat(reported(Boundaries.controllersNotPublic(Set.of()), RA_FIXTURES)).contains("PublicController");
        }
    }

    @Nested
    class Storage {

        @Test
        void onlyStoresRunSql() {
            Boundaries.sqlInStores(Allowances.TODAY_SQL_OUTSIDE_STORES).check(CODE);
        }

        @Test
        void onlyStoresAndWiringHoldAJdbcClient() {
            Boundaries.jdbcClientInStores(Allowances.TODAY_SQL_OUTSIDE_STORES).check(CODE);
        }

        @Test
        void sqlOutsideAStoreIsReportedAndAStoreIsNot() {
            assertThat(reported(Boundaries.sqlInStores(Set.of()), RA_FIXTURES))
                    .contains("QueriesDirectly").contains("WiringThatQueries")
                    .doesNotContain("RequestStore.count");
        }

        @Test
        void aJdbcClientOutsideStoresAndWiringIsReported() {
            assertThat(reported(Boundaries.jdbcClientInStores(Set.of()), RA_FIXTURES))
                    .contains("QueriesDirectly").doesNotContain("<uz.eimzo.ra.archfixture.RequestStore")
                    .doesNotContain("<uz.eimzo.ra.archfixture.WiringThatQueries");
        }
    }
}
