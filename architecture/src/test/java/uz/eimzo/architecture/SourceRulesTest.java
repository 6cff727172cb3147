package uz.eimzo.architecture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source-text rules: no file over 400 lines, no package written out inline in code, a package-info.java per
 * package. Each holds for the main sources of every module and reports its fixture.
 */
class SourceRulesTest {

    private static final String FIXTURES = "architecture/src/test/java/uz/eimzo/ra/archfixture";

    @Test
    void noMainFileIsOver400Lines() {
        assertThat(SourceRules.oversizeFiles(CodeBase.mainSources())).isEmpty();
    }

    @Test
    void aFileOver400LinesIsReported() {
        assertThat(SourceRules.oversizeFiles(List.of(CodeBase.fixtureSources())))
                .containsExactly(FIXTURES + "/Oversize.java (401 lines)");
    }

    @Test
    void mainCodeImportsWhatItNames() {
        List<String> findings = SourceRules.inlineQualifiedNames(CodeBase.mainSources()).stream()
                .filter(f -> !Allowances.TODAY_INLINE_NAMES.contains(f.substring(0, f.indexOf(':'))))
                .toList();
        assertThat(findings).isEmpty();
    }

    @Test
    void aNameWrittenOutInCodeIsReportedButNotInACommentOrAString() {
        assertThat(SourceRules.inlineQualifiedNames(List.of(CodeBase.fixtureSources())))
                .containsExactly(FIXTURES + "/InlineName.java:12: java.util.Locale");
    }

    @Test
    void aNameThatCannotBeImportedIsNotReported() {
        String clash = """
                package uz.eimzo.example;

                import org.springframework.http.MediaType;

                class Clash {
                    io.swagger.v3.oas.models.media.MediaType openApi;
                }
                """;
        assertThat(SourceRules.codeOnly(clash)).contains("io.swagger.v3.oas.models.media.MediaType openApi");
        assertThat(SourceRules.inlineQualifiedNames(List.of(CodeBase.root().resolve("ra-web/src/main/java/uz/eimzo/ra/api"))))
                .noneMatch(f -> f.contains("io.swagger"));
    }

    @Test
    void everyMainPackageHasAPackageInfo() {
        assertThat(SourceRules.packagesWithoutInfo(CodeBase.mainSources())).isEmpty();
    }

    @Test
    void aPackageWithoutPackageInfoIsReported() {
        assertThat(SourceRules.packagesWithoutInfo(List.of(CodeBase.fixtureSources())))
                .containsExactly(FIXTURES, FIXTURES + "/ping", FIXTURES + "/pong");
    }
}
