package dev.ssemonitor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.ssemonitor.testing.ProcessRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The class-data-sharing archive `package` writes beside the jar: the README's run command passes it, and a JVM that
 * cannot use it says nothing and starts the slow way, so the only sign of a broken archive is a slower window.
 */
@Tag("slow")
@Timeout(120)
class CdsArchiveIT {
    private static final Path JAR = Path.of("target/sse-monitor.jar");
    private static final Path ARCHIVE = Path.of("target/sse-monitor.jsa");

    private static ProcessRun java(String... args) throws Exception {
        return javaIn(null, args);
    }

    private static ProcessRun javaIn(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        return ProcessRun.of(null, dir == null ? null : dir.toFile(), command);
    }

    @Test
    void theReadmesRunCommandMapsTheAppsClassesFromTheArchive() throws Exception {
        assertThat(ARCHIVE).exists();
        // -Xshare:on turns "silently not used" into an error with the JVM's reason.
        ProcessRun r = java("-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:class+load=info", "-jar", JAR.toString(), "--version");
        r.tookFromTheArchive("dev.ssemonitor.Launcher", "dev.ssemonitor.cli.MainCommand", "picocli.CommandLine");
        assertThat(r.out()).contains("SSE Monitor " + System.getProperty("app.version"));
    }

    @Test
    void theArchiveIsTakenFromAnyFolderWithTheJarNamedAnyWay() throws Exception {
        // A script runs the jar from its own folder, or from target/; the archive holds the jar's absolute path.
        Path target = JAR.toAbsolutePath().getParent();
        String[][] runs = {
            {target.toString(), "sse-monitor.jsa", "sse-monitor.jar"},
            {target.getRoot().toString(), ARCHIVE.toAbsolutePath().toString(), JAR.toAbsolutePath().toString()},
        };
        for (String[] run : runs) {
            ProcessRun r = javaIn(Path.of(run[0]), "-Xshare:on", "-XX:SharedArchiveFile=" + run[1], "-Xlog:class+load=info",
                    "-jar", run[2], "--version");
            r.tookFromTheArchive("dev.ssemonitor.Launcher", "picocli.CommandLine");
        }
    }

    @Test
    void theReadmeRunsTheJarWithTheArchive() throws Exception {
        assertThat(Files.readString(Path.of("README.md")))
                .contains("java -XX:SharedArchiveFile=target/sse-monitor.jsa -jar target/sse-monitor.jar");
    }
}
