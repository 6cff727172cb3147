package uz.eimzo.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

import java.util.Collection;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

/**
 * Our Maven modules as sets of packages. Several modules share the {@code uz.eimzo.ca} prefix, so each is named
 * by its packages; ca-core is whatever else lives under {@code uz.eimzo.ca}, so a package the CA gains later
 * (signing, stores) is ca-core's without an edit here.
 */
final class Modules {

    static final String[] CRYPTO_PACKAGES = {"uz.eimzo.ca.gost..", "uz.eimzo.ca.keys..", "uz.eimzo.ca.x509..",
            "uz.eimzo.ca.text..", "uz.eimzo.ca.refusal.."};

    static final DescribedPredicate<JavaClass> CA_CRYPTO = resideInAnyPackage(CRYPTO_PACKAGES).as("ca-crypto");
    static final DescribedPredicate<JavaClass> REGISTRATION = resideInAPackage("uz.eimzo.ca.registration..");
    static final DescribedPredicate<JavaClass> BENCH = resideInAPackage("uz.eimzo.ca.bench..");
    static final DescribedPredicate<JavaClass> TEST_SUPPORT = resideInAPackage("uz.eimzo.ca.testing..");
    static final DescribedPredicate<JavaClass> CA_CORE = resideInAPackage("uz.eimzo.ca..")
            .and(DescribedPredicate.not(CA_CRYPTO.or(REGISTRATION).or(BENCH).or(TEST_SUPPORT)))
            .as("ca-core");
    static final DescribedPredicate<JavaClass> MONITORING = resideInAPackage("uz.eimzo.monitoring..");
    static final DescribedPredicate<JavaClass> RA_WEB = resideInAPackage("uz.eimzo.ra..");
    static final DescribedPredicate<JavaClass> OCSP_RESPONDER = resideInAPackage("uz.eimzo.ocsp..");
    static final DescribedPredicate<JavaClass> TSA = resideInAPackage("uz.eimzo.tsa..");
    static final DescribedPredicate<JavaClass> FAST_HTTP = resideInAPackage("uz.eimzo.fasthttp..");
    static final DescribedPredicate<JavaClass> LAUNCHER = resideInAPackage("uz.eimzo.launcher..");

    private Modules() {
    }

    /** A class and the classes nested in it, by the top-level class's fully qualified name. */
    static DescribedPredicate<JavaClass> topLevelNamedAnyOf(Collection<String> names) {
        return DescribedPredicate.describe("one of " + names, c -> names.contains(topLevel(c).getName()));
    }

    static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
