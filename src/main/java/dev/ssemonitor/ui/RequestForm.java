package dev.ssemonitor.ui;

import dev.ssemonitor.client.CurlCommand;
import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.Header;
import dev.ssemonitor.client.ReconnectPolicy;
import java.time.Duration;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The request a user is editing in one tab, and how it becomes an {@link EventSourceConfig}. */
public final class RequestForm {
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty method = new SimpleStringProperty("GET");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty contentType = new SimpleStringProperty("application/json");
    private final StringProperty initialLastEventId = new SimpleStringProperty("");
    /** Null for automatic: Once for a request with a body, Browser otherwise. */
    private final ObjectProperty<ReconnectPolicy> policy = new SimpleObjectProperty<>();
    private final StringProperty readTimeoutSeconds = new SimpleStringProperty("");
    private final StringProperty maxAttempts = new SimpleStringProperty("");
    private final ObservableList<HeaderRow> headers = FXCollections.observableArrayList();
    private final StringProperty trustFile = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty insecure = new javafx.beans.property.SimpleBooleanProperty(false);

    /**
     * The config for what is typed now.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    EventSourceConfig toConfig() {
        EventSourceConfig.Builder b = EventSourceConfig.builder(url.get());
        b.method(method.get() == null || method.get().isBlank() ? "GET" : method.get());
        for (HeaderRow h : headers) {
            if (!h.name().isBlank()) b.header(h.name(), h.value());
        }
        String text = body.get();
        if (text != null && !text.isEmpty()) b.body(text, contentType.get());
        if (!initialLastEventId.get().isEmpty()) b.lastEventId(initialLastEventId.get());
        if (policy.get() != null) b.policy(policy.get());
        String timeout = readTimeoutSeconds.get().strip();
        if (!timeout.isEmpty()) {
            double seconds;
            try {
                seconds = Double.parseDouble(timeout);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Read timeout is a number of seconds, not '" + timeout + "'");
            }
            if (seconds < 0) throw new IllegalArgumentException("Read timeout cannot be negative");
            b.readTimeout(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        String attempts = maxAttempts.get().strip();
        if (!attempts.isEmpty()) {
            int n;
            try {
                n = Integer.parseInt(attempts);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) throw new IllegalArgumentException("Give up after is a whole number of attempts, not '" + attempts + "'");
            b.maxReconnectAttempts(n);
        }
        String pem = trustFile.get() == null ? "" : trustFile.get().strip();
        if (!pem.isEmpty() && insecure.get()) {
            throw new IllegalArgumentException("Trust certificates and Skip certificate verification contradict each other: choose one");
        }
        if (!pem.isEmpty()) {
            try {
                b.trustCertificates(java.nio.file.Path.of(pem));
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("Trust certificates: '" + pem + "' is not a file path");
            }
        }
        b.insecure(insecure.get());
        b.captureRawLines(true);
        return b.build();
    }

    /**
     * Fills the form from a {@code curl} command line.
     *
     * @return what the paste could not carry over, for the user; empty when everything did
     * @throws IllegalArgumentException when it is not a curl command
     */
    String applyCurl(String commandLine) {
        CurlCommand c = CurlCommand.parse(commandLine);
        url.set(c.url());
        method.set(c.method());
        headers.clear();
        for (Header h : c.headers()) {
            if (h.name().equalsIgnoreCase("Content-Type") && c.body() != null) contentType.set(h.value());
            else headers.add(new HeaderRow(h.name(), h.value()));
        }
        body.set(c.body() == null ? "" : c.body());
        return c.warnings().isEmpty() ? "" : "From curl: " + String.join("; ", c.warnings());
    }

    /** Fills the form from a remembered request. */
    void applyRecent(Settings.Recent r) {
        url.set(r.url);
        method.set(r.method);
        body.set(r.body == null ? "" : r.body);
        headers.clear();
        for (Header h : r.headers) headers.add(new HeaderRow(h.name(), h.value()));
    }

    /** Sets method and body at once, as a scenario that needs a POST does. */
    void request(String methodName, String bodyText) {
        method.set(methodName);
        body.set(bodyText == null ? "" : bodyText);
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty methodProperty() {
        return method;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public StringProperty contentTypeProperty() {
        return contentType;
    }

    public StringProperty initialLastEventIdProperty() {
        return initialLastEventId;
    }

    public ObjectProperty<ReconnectPolicy> policyProperty() {
        return policy;
    }

    public StringProperty readTimeoutSecondsProperty() {
        return readTimeoutSeconds;
    }

    /** Consecutive failed reconnects before giving up; empty or 0 for never. */
    public StringProperty maxAttemptsProperty() {
        return maxAttempts;
    }

    /** A PEM file of certificates to trust besides the platform's; empty for none. */
    public StringProperty trustFileProperty() {
        return trustFile;
    }

    /** Skip certificate verification for this connection: shown loudly while on. */
    public javafx.beans.property.BooleanProperty insecureProperty() {
        return insecure;
    }

    public ObservableList<HeaderRow> headers() {
        return headers;
    }
}
