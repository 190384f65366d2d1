package dev.ssemonitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where start-up time goes, for {@code scripts/bench-startup.sh}: when the {@code sse.monitor.startupTrace} system
 * property names a file, each {@link #mark} appends a line: milliseconds since {@value #LAUNCHED_AT} (the launch, as
 * the script saw it; else since this class loaded), then the step.
 * Off (one property read) otherwise.
 */
public final class StartupTrace {
    public static final String PROPERTY = "sse.monitor.startupTrace";
    private static final String FILE = System.getProperty(PROPERTY);
    /** When the launching script started the process (epoch ms), so the marks count from the launch itself. */
    public static final String LAUNCHED_AT = "sse.monitor.launchedAt";
    private static final long START_MILLIS = Long.getLong(LAUNCHED_AT, System.currentTimeMillis());

    private StartupTrace() {}

    /** Whether marks are written: code that only feeds the trace can skip itself otherwise. */
    public static boolean enabled() {
        return FILE != null;
    }

    public static void mark(String step) {
        if (FILE == null) return;
        String line = (System.currentTimeMillis() - START_MILLIS) + " " + step + "\n";
        try {
            Files.writeString(Path.of(FILE), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a trace is for a benchmark: never a reason to fail a launch
        }
    }
}
