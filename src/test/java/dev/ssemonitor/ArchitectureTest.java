package dev.ssemonitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one-way layers: sse → client → ui / cli / contract, and nothing below ui knows JavaFX. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ssemonitor");
    }

    @Test
    void parserIsPureJdk() {
        noClasses().that().resideInAPackage("dev.ssemonitor.sse..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.ssemonitor.sse..", "java..")
                .because("the parser is a pure object over bytes, with no I/O library types in its API")
                .check(classes);
    }

    @Test
    void engineKnowsNoUserInterface() {
        noClasses().that().resideInAnyPackage("dev.ssemonitor.sse..", "dev.ssemonitor.client..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.ssemonitor.ui..",
                        "dev.ssemonitor.cli..", "dev.ssemonitor.contract..", "picocli..")
                .check(classes);
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.ssemonitor.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void stubServerStandsAlone() {
        noClasses().that().resideInAPackage("dev.ssemonitor.stub..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.ssemonitor.stub..", "java..")
                .because("server-stub/ runs with `java StubServer.java`, JDK only")
                .check(classes);
    }
}
