package dev.ssemonitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Name and version, set once in the pom and filtered into version.properties. */
public final class AppInfo {
    private static final Properties PROPS = load();

    private AppInfo() {}

    public static String version() {
        return PROPS.getProperty("version", "dev");
    }

    public static String name() {
        return PROPS.getProperty("name", "SSE Monitor");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = AppInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
