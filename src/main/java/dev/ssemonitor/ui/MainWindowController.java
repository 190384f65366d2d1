package dev.ssemonitor.ui;

import dev.ssemonitor.AppInfo;
import dev.ssemonitor.client.UrlMask;
import dev.ssemonitor.stub.StubServer;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The window's view: menus, tabs, and the one pulse that drains every connection. FX thread only. */
public final class MainWindowController {
    private final MainViewModel vm;
    private final Map<Tab, ConnectionController> controllers = new HashMap<>();
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long millis = System.currentTimeMillis();
            for (ConnectionController c : controllers.values()) c.onPulse(millis);
        }
    };

    @FXML private BorderPane root;
    @FXML private TabPane tabs;
    @FXML private Menu recentMenu;
    @FXML private CheckMenuItem darkThemeItem;
    @FXML private CheckMenuItem stubItem;
    @FXML private CheckMenuItem autoStartItem;
    @FXML private CheckMenuItem rememberSecretsItem;
    @FXML private MenuItem exportNdjsonItem;
    @FXML private MenuItem exportCsvItem;

    public MainWindowController(MainViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        darkThemeItem.selectedProperty().bindBidirectional(vm.darkThemeProperty());
        vm.stubRunningProperty().addListener((o, a, running) -> stubItem.setSelected(running));
        stubItem.textProperty().bind(Bindings.createStringBinding(() -> vm.stubRunningProperty().get()
                ? "Bundled Stub Server (" + vm.stubBaseUrl() + ")" : "Bundled Stub Server", vm.stubRunningProperty()));
        Settings settings = vm.settings();
        autoStartItem.setSelected(settings.autoStartDemo);
        autoStartItem.selectedProperty().addListener((o, a, on) -> {
            settings.autoStartDemo = on;
            settings.save();
        });
        rememberSecretsItem.setSelected(settings.rememberSecrets);
        rememberSecretsItem.selectedProperty().addListener((o, a, on) -> {
            settings.rememberSecrets = on;
            settings.save();
        });
        recentMenu.setOnShowing(e -> fillRecent());
        exportNdjsonItem.disableProperty().bind(tabs.getSelectionModel().selectedItemProperty().isNull());
        exportCsvItem.disableProperty().bind(tabs.getSelectionModel().selectedItemProperty().isNull());
        pulse.start();
    }

    /**
     * What the window shows in its first frame, before the first tab is built: a line where the tabs will be. The
     * tabs come back with {@link #openStartTab()}.
     */
    void showStarting() {
        javafx.scene.control.Label starting = new javafx.scene.control.Label(vm.settings().autoStartDemo
                ? "Starting the demo stream…" : "Opening a new connection tab…");
        starting.getStyleClass().add("starting");
        root.setCenter(new javafx.scene.layout.StackPane(starting));
    }

    /** Opens the first tab: the demo stream on the bundled stub when the setting says so, else an empty tab. */
    public void openStartTab() {
        root.setCenter(tabs);
        if (vm.settings().autoStartDemo) {
            openDemo();
            if (!controllers.isEmpty()) return;
        }
        newTab();
    }

    /** A new tab for {@code connection}, selected. */
    public ConnectionController addTab(ConnectionViewModel connection) {
        ConnectionController controller = new ConnectionController(connection);
        Tab tab = new Tab();
        tab.textProperty().bind(Bindings.createStringBinding(() -> vm.titleFor(connection.connectedUrlProperty().get(),
                connection.titleProperty().get()), connection.titleProperty(), connection.connectedUrlProperty(),
                vm.stubRunningProperty()));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> UrlMask.mask(connection.connectedUrlProperty().get().isEmpty()
                ? connection.request().urlProperty().get() : connection.connectedUrlProperty().get()),
                connection.request().urlProperty(), connection.connectedUrlProperty()));
        tab.setTooltip(tip);
        // A dot in the readyState's colour, so a dropped stream shows without opening its tab.
        javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(4);
        dot.getStyleClass().add("tab-state");
        ReadyStateStyle.apply(dot, null);
        connection.readyStateProperty().addListener((o, a, state) -> ReadyStateStyle.apply(dot, state));
        tab.setGraphic(dot);
        tab.setContent(controller.load());
        tab.setOnClosed(e -> {
            controllers.remove(tab);
            vm.closeConnection(connection);
        });
        controllers.put(tab, controller);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        return controller;
    }

    /** The controller of the selected tab, if any. */
    public Optional<ConnectionController> current() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return Optional.ofNullable(tab == null ? null : controllers.get(tab));
    }

    /** Stops the pulse, every connection and the stub: nothing keeps running after the window closes. */
    public void shutdown() {
        pulse.stop();
        vm.shutdown();
    }

    @FXML
    public void newTab() {
        ConnectionController c = addTab(vm.newConnection());
        Platform.runLater(c::focusUrl);
    }

    @FXML
    private void closeTab() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab == null) return;
        tabs.getTabs().remove(tab);
        if (tab.getOnClosed() != null) tab.getOnClosed().handle(null);
    }

    @FXML
    private void connect() {
        current().ifPresent(ConnectionController::connect);
    }

    @FXML
    private void disconnect() {
        current().ifPresent(ConnectionController::disconnect);
    }

    @FXML
    private void focusUrl() {
        current().ifPresent(ConnectionController::focusUrl);
    }

    @FXML
    private void focusFilter() {
        current().ifPresent(ConnectionController::focusFilter);
    }

    @FXML
    private void pasteCurl() {
        current().ifPresent(ConnectionController::pasteCurl);
    }

    private void fillRecent() {
        recentMenu.getItems().setAll(ConnectionController.recentItems(vm.settings().recent, r -> current().ifPresent(c -> {
            c.viewModel().applyRecent(r);
            c.connect();
        })));
    }

    @FXML
    private void exportNdjson() {
        export(SessionExport.Format.NDJSON, "NDJSON (the format `watch` prints)");
    }

    @FXML
    private void exportCsv() {
        export(SessionExport.Format.CSV, "CSV");
    }

    private void export(SessionExport.Format format, String description) {
        Optional<ConnectionController> c = current();
        if (c.isEmpty()) return;
        FileChooser chooser = new FileChooser();
        ConnectionViewModel connection = c.get().viewModel();
        int rows = connection.rowBuffer().snapshot().size();
        chooser.setTitle(String.format("Export all %,d kept rows%s", rows,
                connection.filter().isActive() ? " (the filter does not apply to exports)" : ""));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + format.extension()));
        chooser.setInitialFileName(SessionExport.suggestedName(connection.titleProperty().get(), format,
                java.time.LocalDateTime.now()));
        File file = chooser.showSaveDialog(window());
        if (file == null) return;
        // Written off the FX thread: the window stays live while 100,000 rows go to disk.
        c.get().viewModel().export(file.toPath(), format).whenComplete((written, failure) -> {
            if (failure == null) return;
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            Platform.runLater(() -> {
                Alert alert = new Alert(Alert.AlertType.ERROR, "Could not export to " + file + ":\n" + cause.getMessage());
                alert.initOwner(window());
                alert.showAndWait();
            });
        });
    }

    @FXML
    private void quit() {
        Window w = window();
        if (w != null) w.hide();
        shutdown();
        Platform.exit();
    }

    @FXML
    private void setMaxRows() {
        TextInputDialog dialog = new TextInputDialog(String.valueOf(vm.settings().maxRows));
        dialog.initOwner(window());
        dialog.setTitle("Rows to keep");
        dialog.setHeaderText("How many of the newest rows each tab keeps. Counters always count everything.");
        dialog.showAndWait().ifPresent(text -> {
            int n;
            try {
                n = Integer.parseInt(text.strip().replace(",", "").replace("_", ""));
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 100 || n > 10_000_000) {
                Alert alert = new Alert(Alert.AlertType.WARNING, "Enter a whole number from 100 to 10,000,000.");
                alert.initOwner(window());
                alert.showAndWait();
                return;
            }
            vm.settings().maxRows = n;
            vm.settings().save();
            for (ConnectionController cc : controllers.values()) cc.viewModel().rowBuffer().maxRowsProperty().set(n);
        });
    }

    @FXML
    private void toggleStub() {
        if (stubItem.isSelected()) {
            if (vm.startStub() == null) {
                stubItem.setSelected(false);
                Alert alert = new Alert(Alert.AlertType.ERROR, vm.stubStatusProperty().get());
                alert.initOwner(window());
                alert.showAndWait();
            }
        } else {
            vm.stopStub();
        }
    }

    @FXML
    public void openDemo() {
        String base = vm.startStub();
        if (base == null) return;
        ConnectionViewModel connection = vm.newConnection();
        connection.request().urlProperty().set(base + "/sse");
        addTab(connection);
        connection.connect();
    }

    @FXML
    private void showScenarios() {
        String base = vm.startStub();
        if (base == null) return;
        TableView<StubServer.Scenario> table = new TableView<>();
        table.setId("scenarios");
        table.getItems().setAll(vm.scenarios());
        table.getColumns().add(column("Scenario", StubServer.Scenario::path, 120));
        table.getColumns().add(column("What it does", StubServer.Scenario::title, 430));
        table.getColumns().add(column("Parameters", StubServer.Scenario::paramsText, 300));
        table.setPrefSize(900, 460);
        // The columns share the width (no spare column) and long texts wrap instead of ending in "…".
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(StubServer.Scenario s, boolean empty) {
                super.updateItem(s, empty);
                setTooltip(empty || s == null ? null : new Tooltip(s.title() + "\nParameters: " + s.paramsText()
                        + "\nOpens: " + s.method() + " " + base + s.example()));
            }
        });
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(window());
        dialog.setTitle("Stub scenarios");
        dialog.setResizable(true);
        ButtonType open = new ButtonType("Open in New Tab", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(open, ButtonType.CLOSE);
        dialog.getDialogPane().lookupButton(open).disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        Label hint = new Label("Stub server on " + base + " — pick a scenario to watch how the client reacts.");
        VBox content = new VBox(8, hint, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        dialog.getDialogPane().setContent(content);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(open);
                dialog.close();
            }
        });
        dialog.showAndWait().filter(b -> b == open).ifPresent(b -> {
            StubServer.Scenario s = table.getSelectionModel().getSelectedItem();
            if (s != null) openScenario(base, s);
        });
    }

    /** A new tab connected to a scenario, with the method and body the scenario asks for. */
    void openScenario(String base, StubServer.Scenario s) {
        ConnectionViewModel connection = vm.newConnection();
        connection.request().urlProperty().set(base + s.example());
        connection.request().request(s.method(), s.body());
        addTab(connection);
        connection.connect();
    }

    private static TableColumn<StubServer.Scenario, String> column(String title,
            Function<StubServer.Scenario, String> value, double width) {
        TableColumn<StubServer.Scenario, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(value.apply(v.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> WrappingCell.create());
        return c;
    }

    @FXML
    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(window());
        alert.setTitle("About");
        alert.setHeaderText(AppInfo.name() + " " + AppInfo.version());
        alert.setContentText("A client and monitor for Server-Sent Events: browser-exact reconnects, readyState and "
                + "every message, live.\n\nJava " + System.getProperty("java.version") + ", JavaFX "
                + System.getProperty("javafx.runtime.version"));
        alert.showAndWait();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}
