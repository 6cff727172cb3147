package uz.eimzo.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The main code of every module, read from each module's own {@code target/classes} and {@code src/main/java}
 * rather than from the test class path: there the launcher is a repackaged jar after {@code package}, and the
 * fixtures of this module would be mixed in.
 */
final class CodeBase {

    /** Every module with main Java code; the test fails if one of them has nothing compiled. */
    static final List<String> MODULES = List.of("ca-crypto", "ca-core", "registration", "monitoring", "fast-http", "ra-web",
            "ocsp-responder", "tsa", "launcher", "bench", "test-support");

    private static JavaClasses classes;

    private CodeBase() {
    }

    /** The project root: the parent of this module's directory (Surefire runs in the module's directory). */
    static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    }

    static Path classesOf(String module) {
        return root().resolve(module).resolve("target/classes");
    }

    static List<Path> mainSources() {
        return MODULES.stream().map(m -> root().resolve(m).resolve("src/main/java")).toList();
    }

    /** The compiled main code of all modules, imported once for all the rules. */
    static synchronized JavaClasses mainClasses() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPaths(MODULES.stream().map(CodeBase::classesOf).toList());
        }
        return classes;
    }

    /** The fixtures: classes of this module's test sources that break one rule each, on purpose. */
    static JavaClasses fixtures(String... packages) {
        return new ClassFileImporter().importPackages(packages);
    }

    /** The fixtures' source directory for the source-text rules. */
    static Path fixtureSources() {
        return root().resolve("architecture/src/test/java/uz/eimzo/ra/archfixture");
    }

    static List<Path> javaFiles(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
