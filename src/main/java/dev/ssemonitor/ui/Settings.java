package dev.ssemonitor.ui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ssemonitor.client.Header;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** Keep Authorization, Cookie and API-key values in the recent list. Off unless the user opts in. */
    public boolean rememberSecrets;
    public List<Recent> recent = new ArrayList<>();

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

    public void save() {
        if (file == null) return;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.getLogger(Settings.class.getName()).log(System.Logger.Level.WARNING,
                    "could not save settings to " + file + ": " + e.getMessage());
        }
    }

    /** Puts a request at the top of the recent list, secrets dropped unless the user opted in. */
    public void remember(String url, String method, String body, List<Header> headers) {
        List<Header> kept = new ArrayList<>();
        for (Header h : headers) {
            if (rememberSecrets || !Header.isSecret(h.name())) kept.add(h);
        }
        recent.removeIf(r -> r.url.equals(url) && r.method.equals(method));
        recent.add(0, new Recent(url, method, body, kept));
        while (recent.size() > MAX_RECENT) recent.remove(recent.size() - 1);
        save();
    }
}
