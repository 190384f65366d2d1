package dev.ssemonitor.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command to its end (stdin closed), with what it printed. Both pipes are read at once: a child that
 * fills one while the other is being read would otherwise wait for ever.
 */
public record ProcessRun(int exit, String out, String err) {

    /** Runs {@code command}, with JAVA_TOOL_OPTIONS set to {@code javaToolOptions} when that is not null. */
    public static ProcessRun of(String javaToolOptions, List<String> command) throws Exception {
        return of(javaToolOptions, null, command);
    }

    /** The same, in the folder {@code dir} (this process's when null). */
    public static ProcessRun of(String javaToolOptions, java.io.File dir, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir);
        if (javaToolOptions != null) pb.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = new CompletableFuture<>();
        new Thread(() -> {
            try { err.complete(p.getErrorStream().readAllBytes()); } catch (Exception e) { err.completeExceptionally(e); }
        }).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s exited", command).isTrue();
        return new ProcessRun(p.exitValue(), new String(out, UTF_8), new String(err.get(60, TimeUnit.SECONDS), UTF_8));
    }

    /** The run, made with -Xlog:class+load=info, took each of these classes from a class-data-sharing archive. */
    public void tookFromTheArchive(String... classes) {
        assertThat(exit).as(err + out).isZero();
        for (String cls : classes) {
            assertThat(out).as(cls).containsPattern("\\] " + cls.replace(".", "\\.") + " source: shared objects file");
        }
    }
}
