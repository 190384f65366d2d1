package dev.ssemonitor.packaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private record Run(int exit, String out, String err) {}

    private static Run java(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        // Read stderr in the background: the class-loading log on stdout can be larger than a pipe's buffer.
        var err = new java.util.concurrent.CompletableFuture<byte[]>();
        new Thread(() -> { try { err.complete(p.getErrorStream().readAllBytes()); } catch (Exception e) { err.completeExceptionally(e); } }).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the JVM exited").isTrue();
        return new Run(p.exitValue(), new String(out, UTF_8), new String(err.get(60, TimeUnit.SECONDS), UTF_8));
    }

    @Test
    void theReadmesRunCommandMapsTheAppsClassesFromTheArchive() throws Exception {
        assertThat(ARCHIVE).exists();
        // -Xshare:on turns "silently not used" into an error with the JVM's reason.
        Run r = java("-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:class+load=info", "-jar", JAR.toString(), "--version");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("SSE Monitor " + System.getProperty("app.version"));
        for (String cls : List.of("dev.ssemonitor.Launcher", "dev.ssemonitor.cli.MainCommand", "picocli.CommandLine")) {
            assertThat(r.out()).as(cls).containsPattern("\\] " + cls.replace(".", "\\.") + " source: shared objects file");
        }
    }

    @Test
    void theReadmeRunsTheJarWithTheArchive() throws Exception {
        assertThat(Files.readString(Path.of("README.md")))
                .contains("java -XX:SharedArchiveFile=target/sse-monitor.jsa -jar target/sse-monitor.jar");
    }
}
