package dev.ssemonitor.packaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ssemonitor.stub.StubServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.ssemonitor.testing.ProcessRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The jpackage app-image as a user gets it: its own trimmed runtime, its launcher, the subcommands. */
@Tag("slow")
@Timeout(120)
class AppImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("app.image", "target/dist/sse-monitor"));

    private static ProcessRun run(String... args) throws Exception {
        return runWith(null, args);
    }

    /** With JAVA_TOOL_OPTIONS set to {@code javaToolOptions} (when not null), which the launcher's JVM reads. */
    private static ProcessRun runWith(String javaToolOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(IMAGE.resolve("bin/sse-monitor").toString());
        command.addAll(List.of(args));
        return ProcessRun.of(javaToolOptions, command);
    }

    @Test
    void launcherPrintsTheVersionSetInThePom() throws Exception {
        ProcessRun r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("SSE Monitor " + System.getProperty("app.version") + "\n");
    }

    @Test
    void watchRunsAgainstTheStubOnTheBundledRuntime() throws Exception {
        try (StubServer stub = StubServer.start("127.0.0.1", 0, null)) {
            ProcessRun r = run("watch", stub.baseUrl() + "/ids?total=3&interval=0", "--max-events", "3", "--events-only");
            assertThat(r.exit()).as(r.err()).isZero();
            ObjectMapper json = new ObjectMapper();
            List<String> data = new ArrayList<>();
            for (String line : r.out().split("\n")) {
                JsonNode n = json.readTree(line);
                data.add(n.get("data").asText());
            }
            assertThat(data).containsExactly("event 1 of 3", "event 2 of 3", "event 3 of 3");
        }
    }

    @Test
    void stubSubcommandServesTheDemo() throws Exception {
        Process p = new ProcessBuilder(IMAGE.resolve("bin/sse-monitor").toString(), "stub", "--port", "0", "--quiet").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(out.readLine());
            assertThat(m.find()).isTrue();
            ProcessRun watch = run("watch", "http://127.0.0.1:" + m.group(1) + "/sse", "--max-events", "1", "--events-only");
            assertThat(watch.out()).contains("Current time is");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void runtimeIsTrimmedAndCarriesJavaFxAsModules() throws Exception {
        Path release = IMAGE.resolve("lib/runtime/release");
        String modules = Files.readString(release);
        assertThat(modules).contains("javafx.controls", "javafx.fxml", "jdk.crypto.ec")
                .doesNotContain("java.compiler", "jdk.jshell", "java.rmi");
        // JavaFX is in the runtime, not duplicated on the class path.
        try (var jars = Files.list(IMAGE.resolve("lib/app"))) {
            assertThat(jars.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("javafx"));
        }
    }

    @Test
    void theLauncherMapsTheAppsClassesFromItsClassDataSharingArchive() throws Exception {
        assertThat(Files.readString(IMAGE.resolve("lib/app/sse-monitor.cfg")))
                .contains("java-options=-XX:SharedArchiveFile=$APPDIR/sse-monitor.jsa");
        // -Xshare:on: an archive the JVM cannot use (wrong class path, other runtime) fails here instead of silently.
        ProcessRun r = runWith("-Xshare:on -Xlog:class+load=info", "--version");
        r.tookFromTheArchive("dev.ssemonitor.Launcher", "dev.ssemonitor.cli.MainCommand", "picocli.CommandLine");
    }

    @Test
    void theDebianScriptsWriteTheArchiveWhereTheAppIsInstalledAndRemoveIt() throws Exception {
        // The JVM takes only an archive dumped against the installed class path, so the package cannot carry one.
        assertThat(Files.readString(Path.of("packaging/linux/postinst")))
                .contains("-Xshare:dump -XX:SharedClassListFile=/opt/sse-monitor/lib/app/sse-monitor.classlist");
        assertThat(Files.readString(Path.of("packaging/linux/prerm"))).contains("rm -f /opt/sse-monitor/lib/app/sse-monitor.jsa");
        assertThat(IMAGE.resolve("lib/app/sse-monitor.classlist")).exists();
    }

    @Test
    void theLauncherGivesTheAppADesktopSizedHeap() throws Exception {
        // The JVM's default is a quarter of the machine's memory; one flood tab once reached 6.4 GB.
        assertThat(Files.readString(IMAGE.resolve("lib/app/sse-monitor.cfg"))).contains("java-options=-Xmx2g");
    }

    @Test
    void theDebianMenuEntryAndScriptsPutTheAppWhereUsersLook() throws Exception {
        String desktop = Files.readString(Path.of("packaging/linux/sse-monitor.desktop"));
        assertThat(desktop).contains("StartupWMClass=dev.ssemonitor.ui.MonitorApp", "Exec=/opt/sse-monitor/bin/sse-monitor");
        assertThat(Files.readString(Path.of("packaging/linux/postinst"))).contains("ln -sf /opt/sse-monitor/bin/sse-monitor /usr/bin/sse-monitor");
        assertThat(Files.readString(Path.of("packaging/linux/prerm"))).contains("rm -f /usr/bin/sse-monitor");
        assertThat(System.getProperty("app.description", "")).as("Debian wants the summary under 80 characters").hasSizeLessThan(80);
    }
}
