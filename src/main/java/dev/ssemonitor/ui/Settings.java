package dev.ssemonitor.ui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ssemonitor.client.Header;
import dev.ssemonitor.client.UrlMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * What the app remembers between runs, in {@code ~/.config/sse-monitor/settings.json} (or under the folder named by
 * the {@code sse.monitor.home} system property). Secret header values are not written unless the user opts in.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {
    public static final int MAX_RECENT = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One remembered request. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Recent {
        public String url = "";
        public String method = "GET";
        public String body;
        public List<Header> headers = new ArrayList<>();

        public Recent() {}

        Recent(String url, String method, String body, List<Header> headers) {
            this.url = url;
            this.method = method;
            this.body = body;
            this.headers = new ArrayList<>(headers);
        }
    }

    public boolean darkTheme;
    /** Start the bundled stub and connect to its demo stream when the app opens. */
    public boolean autoStartDemo = true;
    public int maxRows = RowBuffer.DEFAULT_MAX_ROWS;
    /** Keep Authorization, Cookie and API-key values, secret URL parts and bodies in the recent list. Off unless the user opts in. */
    public boolean rememberSecrets;
    public List<Recent> recent = new ArrayList<>();
    /** Where the window was when it last closed; null until then. */
    public WindowPlace window;

    /** A window's place on the desktop. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class WindowPlace {
        public double x;
        public double y;
        public double width;
        public double height;
        public boolean maximized;
    }

    private transient Path file;

    public static Path defaultFile() {
        String home = System.getProperty("sse.monitor.home");
        Path dir = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".config", "sse-monitor");
        return dir.resolve("settings.json");
    }

    /** Loads the settings, or defaults when the file is missing or unreadable (a broken file never stops the app). */
    public static Settings load(Path file) {
        Settings s = new Settings();
        if (Files.isRegularFile(file)) {
            try {
                s = JSON.readValue(file.toFile(), Settings.class);
            } catch (IOException e) {
                System.getLogger(Settings.class.getName()).log(System.Logger.Level.WARNING,
                        "ignoring unreadable settings " + file + ": " + e.getMessage());
                s = new Settings();
            }
        }
        s.file = file;
        if (s.recent == null) s.recent = new ArrayList<>();
        if (s.maxRows < 100) s.maxRows = RowBuffer.DEFAULT_MAX_ROWS;
        return s;
    }

    /**
     * Writes the file atomically (a temporary file moved over it), readable by the user alone: 0600 in a 0700 folder
     * where the file system has POSIX permissions.
     */
    public void save() {
        if (file == null) return;
        try {
            Path dir = file.toAbsolutePath().getParent();
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } else {
                Files.createDirectories(dir);
            }
            Path tmp = posix
                    ? Files.createTempFile(dir, ".settings", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".settings", ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), this);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            System.getLogger(Settings.class.getName()).log(System.Logger.Level.WARNING,
                    "could not save settings to " + file + ": " + e.getMessage());
        }
    }

    /**
     * Puts a request at the top of the recent list. Unless the user opted in, secrets stay out of the file: secret
     * header values, the URL's userinfo and secret query values (masked), and the body.
     */
    public void remember(String url, String method, String body, List<Header> headers) {
        List<Header> kept = new ArrayList<>();
        for (Header h : headers) {
            if (rememberSecrets || !Header.isSecret(h.name())) kept.add(h);
        }
        String keptUrl = rememberSecrets ? url : UrlMask.mask(url);
        String keptBody = rememberSecrets ? body : null;
        recent.removeIf(r -> r.url.equals(keptUrl) && r.method.equals(method));
        recent.add(0, new Recent(keptUrl, method, keptBody, kept));
        while (recent.size() > MAX_RECENT) recent.remove(recent.size() - 1);
        save();
    }
}
