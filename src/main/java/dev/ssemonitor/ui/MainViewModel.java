package dev.ssemonitor.ui;

import dev.ssemonitor.stub.StubServer;
import java.io.IOException;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The window's state: its connection tabs, the theme, and the bundled stub server it can run. */
public final class MainViewModel {
    private final Settings settings;
    private final ObservableList<ConnectionViewModel> connections = FXCollections.observableArrayList();
    private final BooleanProperty darkTheme = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper stubRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper stubStatus = new ReadOnlyStringWrapper("Stub server stopped");
    /** The bundled stub's port when it is free: not the stub's own default (8088), which a user may run beside it. */
    public static final int STUB_PORT = 48088;
    private StubServer stub;
    private final int stubPort;

    public MainViewModel(Settings settings) {
        this(settings, STUB_PORT);
    }

    /** @param stubPort where the bundled stub tries first (0: any free port, as tests use) */
    public MainViewModel(Settings settings, int stubPort) {
        this.settings = settings;
        this.stubPort = stubPort;
        darkTheme.set(settings.darkTheme);
        darkTheme.addListener((o, a, dark) -> {
            settings.darkTheme = dark;
            settings.save();
        });
    }

    public Settings settings() {
        return settings;
    }

    public ConnectionViewModel newConnection() {
        ConnectionViewModel vm = new ConnectionViewModel(settings);
        connections.add(vm);
        return vm;
    }

    /** Closes the tab's connection and forgets it. */
    public void closeConnection(ConnectionViewModel vm) {
        vm.disconnect();
        vm.drain(System.currentTimeMillis()); // no pulse will drain it again: apply its final CLOSED now
        connections.remove(vm);
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    public ReadOnlyBooleanProperty stubRunningProperty() {
        return stubRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stubStatusProperty() {
        return stubStatus.getReadOnlyProperty();
    }

    /**
     * Starts the bundled stub on loopback (once): on {@link #STUB_PORT} when it is free, so stub URLs in Recent still
     * work after a restart, else on any free port. Its base URL, or null with the status saying why.
     */
    public String startStub() {
        if (stub != null) return stub.baseUrl();
        try {
            try {
                stub = StubServer.start("127.0.0.1", stubPort, null);
            } catch (java.net.BindException busy) {
                stub = StubServer.start("127.0.0.1", 0, null);
            }
        } catch (IOException e) {
            stubStatus.set("Stub server could not start: " + e.getMessage());
            return null;
        }
        stubRunning.set(true);
        stubStatus.set("Stub server on " + stub.baseUrl());
        return stub.baseUrl();
    }

    public void stopStub() {
        if (stub == null) return;
        stub.close();
        stub = null;
        stubRunning.set(false);
        stubStatus.set("Stub server stopped");
    }

    /** A tab title: for the bundled stub "stub /path", since its host and port say nothing; else host[:port]/path. */
    public String titleFor(String url, String shortLabel) {
        String base = stubBaseUrl();
        if (base != null && url != null && url.strip().startsWith(base + "/")) {
            String path = url.strip().substring(base.length());
            int q = path.indexOf('?');
            return "stub " + (q < 0 ? path : path.substring(0, q));
        }
        return shortLabel;
    }

    public String stubBaseUrl() {
        return stub == null ? null : stub.baseUrl();
    }

    /** The stub's scenarios, as it describes them; none while it is stopped. */
    public List<StubServer.Scenario> scenarios() {
        return stub == null ? List.of() : stub.scenarios();
    }

    /** Closing the window: every connection and the stub stop; nothing keeps running. */
    public void shutdown() {
        for (ConnectionViewModel vm : List.copyOf(connections)) vm.disconnect();
        connections.clear();
        stopStub();
    }
}
