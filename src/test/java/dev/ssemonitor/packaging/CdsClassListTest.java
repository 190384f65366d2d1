package dev.ssemonitor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class list the build turns into the class-data-sharing archive (target/sse-monitor.jsa). A name in it that no
 * longer exists is skipped by the dump and its replacement is loaded the slow way at every launch: nothing fails, the
 * window just opens later. This test is what notices; the fix is to re-run scripts/cds-classlist.sh.
 */
class CdsClassListTest {
    private static final Path LIST = Path.of("packaging/cds/classes.lst");

    private static List<String> entries() throws IOException {
        return Files.readAllLines(LIST).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    /** A class's binary name for an entry such as {@code dev/ssemonitor/ui/MonitorApp id: 12}; null for lambdas. */
    private static String className(String entry) {
        if (entry.startsWith("@")) return null; // @lambda-proxy / @lambda-form-invoker lines
        String name = entry.split(" ", 2)[0];
        if (name.contains("$$Lambda") || name.contains("+0x")) return null;
        return name.replace('/', '.');
    }

    @Test
    void everyOneOfTheAppsOwnClassesInTheListStillExists() throws IOException {
        List<String> ours = namesStartingWith("dev.ssemonitor.");
        assertThat(ours).hasSizeGreaterThan(100);
        assertThat(gone(ours)).as("classes named in %s that are gone: re-run scripts/cds-classlist.sh", LIST).isEmpty();
    }

    @Test
    void theListCoversTheWindowWatchAndTheStub() throws IOException {
        List<String> names = entries().stream().map(CdsClassListTest::className).toList();
        assertThat(names).as("re-run scripts/cds-classlist.sh").contains(
                "dev.ssemonitor.Launcher",
                "dev.ssemonitor.ui.MonitorApp",
                "dev.ssemonitor.ui.ConnectionController",
                "dev.ssemonitor.cli.WatchCommand",
                "dev.ssemonitor.stub.StubServer",
                "dev.ssemonitor.sse.EventStreamParser",
                "javafx.scene.control.TableView",
                "okhttp3.OkHttpClient",
                "picocli.CommandLine");
    }

    @Test
    void theLibrariesNamedInTheListAreStillTheOnesOnTheClassPath() throws IOException {
        // A dependency upgrade that renames its internals leaves the list pointing at nothing.
        List<String> libraries = namesStartingWith("okhttp3.", "okio.", "picocli.", "com.fasterxml.", "javafx.", "com.sun.javafx.");
        assertThat(libraries).hasSizeGreaterThan(1000);
        assertThat(gone(libraries)).as("library classes named in %s that are gone: re-run scripts/cds-classlist.sh", LIST).isEmpty();
    }

    /** The classes the list names (lambdas left out) whose binary names start with one of {@code prefixes}. */
    private static List<String> namesStartingWith(String... prefixes) throws IOException {
        return entries().stream().map(CdsClassListTest::className)
                .filter(n -> n != null && java.util.Arrays.stream(prefixes).anyMatch(n::startsWith)).toList();
    }

    /** Those of {@code names} that this test's class path no longer has. */
    private static List<String> gone(List<String> names) {
        return names.stream().filter(n -> !exists(n)).toList();
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, CdsClassListTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
