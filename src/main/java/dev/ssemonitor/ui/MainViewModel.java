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
    private StubServer stub;

    public MainViewModel(Settings settings) {
        this.settings = settings;
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

    /** Starts the bundled stub on a free loopback port (once); its base URL, or null with the status saying why. */
    public String startStub() {
        if (stub != null) return stub.baseUrl();
        try {
            stub = StubServer.start("127.0.0.1", 0, null);
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
