package dev.ssemonitor.ui;

import dev.ssemonitor.AppInfo;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
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
        tabs.setId("tabs");
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

    /** Opens the first tab: the demo stream on the bundled stub when the setting says so, else an empty tab. */
    public void openStartTab() {
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
        tab.textProperty().bind(connection.titleProperty());
        // A dot in the readyState's colour, so a dropped stream shows without opening its tab.
        javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(4);
        dot.getStyleClass().add("tab-state");
        ConnectionController.styleState(dot, null);
        connection.readyStateProperty().addListener((o, a, state) -> ConnectionController.styleState(dot, state));
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
        export(ConnectionViewModel.ExportFormat.NDJSON, "NDJSON (the format `watch` prints)", "*.ndjson");
    }

    @FXML
    private void exportCsv() {
        export(ConnectionViewModel.ExportFormat.CSV, "CSV", "*.csv");
    }

    private void export(ConnectionViewModel.ExportFormat format, String description, String pattern) {
        Optional<ConnectionController> c = current();
        if (c.isEmpty()) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export session");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        chooser.setInitialFileName("sse-session" + pattern.substring(1));
        File file = chooser.showSaveDialog(window());
        if (file == null) return;
        try {
            c.get().viewModel().export(file.toPath(), format);
        } catch (IOException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, "Could not export to " + file + ":\n" + e.getMessage());
            alert.initOwner(window());
            alert.showAndWait();
        }
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
            for (ConnectionController cc : controllers.values()) cc.viewModel().maxRowsProperty().set(n);
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
        connection.urlProperty().set(base + "/sse");
        addTab(connection);
        connection.connect();
    }

    @FXML
    private void showScenarios() {
        String base = vm.startStub();
        if (base == null) return;
        TableView<String[]> table = new TableView<>();
        table.setId("scenarios");
        table.getItems().setAll(vm.scenarios());
        TableColumn<String[], String> path = column("Scenario", 0, 120);
        TableColumn<String[], String> what = column("What it does", 1, 430);
        TableColumn<String[], String> params = column("Parameters", 2, 300);
        table.getColumns().add(path);
        table.getColumns().add(what);
        table.getColumns().add(params);
        table.setPrefSize(900, 460);
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(String[] s, boolean empty) {
                super.updateItem(s, empty);
                setTooltip(empty || s == null ? null
                        : new javafx.scene.control.Tooltip(s[1] + "\nParameters: " + s[2] + "\nOpens: " + base + s[3]));
            }
        });
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(window());
        dialog.setTitle("Stub scenarios");
        ButtonType open = new ButtonType("Open in New Tab", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(open, ButtonType.CLOSE);
        Label hint = new Label("Stub server on " + base + " — pick a scenario to watch how the client reacts.");
        dialog.getDialogPane().setContent(new VBox(8, hint, table));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(open);
                dialog.close();
            }
        });
        dialog.showAndWait().filter(b -> b == open).ifPresent(b -> {
            String[] s = table.getSelectionModel().getSelectedItem();
            if (s == null) return;
            ConnectionViewModel connection = vm.newConnection();
            connection.urlProperty().set(base + s[3]);
            if (s[0].equals("/llm")) {
                connection.methodProperty().set("POST");
                connection.bodyProperty().set("{\"prompt\":\"Tell me about server-sent events\"}");
            }
            addTab(connection);
            connection.connect();
        });
    }

    private static TableColumn<String[], String> column(String title, int index, double width) {
        TableColumn<String[], String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new javafx.beans.property.ReadOnlyStringWrapper(v.getValue()[index]));
        c.setPrefWidth(width);
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
