package dev.ssemonitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers and what each may use: sse → client → export / contract → cli / ui, no arrow back up. Each rule says why,
 * so the next person can tell a bug from a decision.
 */
class ArchitectureTest {
    private static final String SSE = "dev.ssemonitor.sse..";
    private static final String CLIENT = "dev.ssemonitor.client..";
    private static final String EXPORT = "dev.ssemonitor.export..";
    private static final String LLM = "dev.ssemonitor.llm..";
    private static final String CONTRACT = "dev.ssemonitor.contract..";
    private static final String CLI = "dev.ssemonitor.cli..";
    private static final String UI = "dev.ssemonitor.ui..";
    private static final String STUB = "dev.ssemonitor.stub..";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ssemonitor");
    }

    @Test
    void parserIsPureJdk() {
        classes().that().resideInAPackage(SSE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(SSE, "java..")
                .because("the parser is a pure object over bytes, with no I/O library types in its API, so it can be "
                        + "fed from any transport and tested with plain byte arrays")
                .check(classes);
    }

    @Test
    void clientIsTheParserOverOkHttp() {
        classes().that().resideInAPackage(CLIENT)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CLIENT, SSE, "java..", "okhttp3..", "okio..",
                        "kotlin..", "javax.net.ssl..", "javax.security..")
                .because("the engine is one API for the window, watch and the contract service: it knows no user "
                        + "interface, no output format and no command line (the JDK's TLS is its transport's own)")
                .check(classes);
    }

    @Test
    void exportWritesWhatTheEngineReports() {
        classes().that().resideInAPackage(EXPORT)
                .should().onlyDependOnClassesThat().resideInAnyPackage(EXPORT, CLIENT, SSE, LLM, "java..",
                        "com.fasterxml.jackson..")
                .because("NDJSON and CSV are written the same way by watch and by the window's export, so the "
                        + "writers may not know either of them")
                .check(classes);
    }

    @Test
    void assemblyIsPureAndToolkitFree() {
        classes().that().resideInAPackage(LLM)
                .should().onlyDependOnClassesThat().resideInAnyPackage(LLM, "java..", "com.fasterxml.jackson..",
                        "com.jayway.jsonpath..")
                .because("the answer assembler is fed parsed events by the window, watch and tests alike: it knows no "
                        + "transport, no toolkit and no output format")
                .check(classes);
    }

    @Test
    void contractServiceDrivesTheEngineOnly() {
        classes().that().resideInAPackage(CONTRACT)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CONTRACT, CLIENT, SSE, "java..",
                        "com.fasterxml.jackson..", "com.sun.net.httpserver..", "okhttp3..", "okio..", "kotlin..")
                .because("the contract-test service checks the engine itself; a dependency on the UI or the CLI "
                        + "would test something else")
                .check(classes);
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages(UI)
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("watch, the stub and the contract service run headless, on machines with no display and "
                        + "without the JavaFX runtime on their path")
                .check(classes);
    }

    @Test
    void uiDoesNotReachIntoOkHttp() {
        noClasses().that().resideInAPackage(UI)
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
                .because("the window sees the engine's reports (ReadyState, RequestInfo, …), never the transport, so "
                        + "the transport can change without touching a view")
                .check(classes);
    }

    @Test
    void uiDoesNotUseTheCommandLine() {
        noClasses().that().resideInAPackage(UI)
                .should().dependOnClassesThat().resideInAnyPackage(CLI, CONTRACT, "picocli..")
                .because("the CLI starts the window, not the other way round")
                .check(classes);
    }

    @Test
    void stubServerStandsAlone() {
        classes().that().resideInAPackage(STUB)
                .should().onlyDependOnClassesThat().resideInAnyPackage(STUB, "java..")
                .because("server-stub/ runs as `java server-stub/dev/ssemonitor/stub/StubServer.java`: one JDK-only file")
                .check(classes);
    }

    @Test
    void nothingBelowTheShellsKnowsThem() {
        noClasses().that().resideInAnyPackage(SSE, CLIENT, EXPORT, CONTRACT, STUB, LLM)
                .should().dependOnClassesThat().resideInAnyPackage(CLI, UI)
                .because("the layers only point one way: the window and the CLI are thin shells over the engine")
                .check(classes);
    }
}
