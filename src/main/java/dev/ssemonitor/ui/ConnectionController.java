package dev.ssemonitor.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.ReconnectPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;

/**
 * The view of one connection: binds {@code ConnectionTab.fxml} to a {@link ConnectionViewModel} and forwards the
 * user's actions. Every method runs on the FX thread.
 */
public final class ConnectionController {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_TREE_NODES = 5_000;
    private static final int PREVIEW_CHARS = 300;
    private static final PseudoClass[] KIND_PSEUDO = java.util.Arrays.stream(MessageRow.Kind.values())
            .map(k -> PseudoClass.getPseudoClass(k.name().toLowerCase(Locale.ROOT))).toArray(PseudoClass[]::new);

    private final ConnectionViewModel vm;
    private Parent view;

    @FXML private Label readyState;
    @FXML private TextField url;
    @FXML private Button connectButton;
    @FXML private Button disconnectButton;
    @FXML private MenuButton recentButton;
    @FXML private Label message;
    @FXML private TitledPane options;
    @FXML private ComboBox<String> method;
    @FXML private ChoiceBox<ReconnectPolicy> policy;
    @FXML private Tooltip policyTooltip;
    @FXML private TextField initialLastEventId;
    @FXML private TextField readTimeout;
    @FXML private TextField maxAttempts;
    @FXML private TableView<HeaderRow> headerTable;
    @FXML private TableColumn<HeaderRow, String> headerName;
    @FXML private TableColumn<HeaderRow, String> headerValue;
    @FXML private TextArea body;
    @FXML private TextField contentType;
    @FXML private TextField filter;
    @FXML private CheckBox regex;
    @FXML private ComboBox<String> typeFilter;
    @FXML private CheckBox showComments;
    @FXML private CheckBox showConnection;
    @FXML private ToggleButton pause;
    @FXML private Label filterError;
    @FXML private TableView<MessageRow> messages;
    @FXML private TableColumn<MessageRow, Long> seqColumn;
    @FXML private TableColumn<MessageRow, String> timeColumn;
    @FXML private TableColumn<MessageRow, String> gapColumn;
    @FXML private TableColumn<MessageRow, String> typeColumn;
    @FXML private TableColumn<MessageRow, String> idColumn;
    @FXML private TableColumn<MessageRow, String> dataColumn;
    @FXML private TableColumn<MessageRow, Integer> sizeColumn;
    @FXML private Label detailTitle;
    @FXML private Button copyButton;
    @FXML private TextArea detailText;
    @FXML private TreeView<String> detailJson;
    @FXML private TextArea detailRaw;
    @FXML private TableView<AttemptRow> attempts;
    @FXML private TableColumn<AttemptRow, Integer> attemptColumn;
    @FXML private TableColumn<AttemptRow, String> attemptStartedColumn;
    @FXML private TableColumn<AttemptRow, String> attemptStatusColumn;
    @FXML private TableColumn<AttemptRow, String> attemptLastIdColumn;
    @FXML private TableColumn<AttemptRow, String> attemptOpenColumn;
    @FXML private TableColumn<AttemptRow, String> attemptTtfbColumn;
    @FXML private TableColumn<AttemptRow, String> attemptEventsColumn;
    @FXML private TableColumn<AttemptRow, String> attemptBytesColumn;
    @FXML private TableColumn<AttemptRow, String> attemptDelayColumn;
    @FXML private TableColumn<AttemptRow, String> attemptReasonColumn;
    @FXML private Label eventsLabel;
    @FXML private Label rateLabel;
    @FXML private Canvas sparkline;
    @FXML private Label bytesLabel;
    @FXML private Label reconnectsLabel;
    @FXML private Label lastIdLabel;
    @FXML private Label quietLabel;
    @FXML private Label rowsLabel;

    public ConnectionController(ConnectionViewModel vm) {
        this.vm = vm;
    }

    /** Loads the FXML with this controller; the root node. */
    public Parent load() {
        if (view != null) return view;
        FXMLLoader loader = new FXMLLoader(ConnectionController.class.getResource("ConnectionTab.fxml"));
        loader.setController(this);
        try {
            view = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return view;
    }

    public ConnectionViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        bindRequest();
        bindState();
        bindMessages();
        bindDetail();
        bindAttempts();
        bindStatusBar();
    }

    private void bindRequest() {
        url.textProperty().bindBidirectional(vm.urlProperty());
        url.setOnAction(e -> connect());
        url.setId("url");
        method.getItems().setAll("GET", "POST", "PUT", "PATCH", "REPORT");
        method.valueProperty().bindBidirectional(vm.methodProperty());
        policy.getItems().setAll(ReconnectPolicy.values());
        policy.setConverter(new StringConverter<>() {
            @Override
            public String toString(ReconnectPolicy p) {
                return p == null ? "" : p == ReconnectPolicy.BROWSER ? "Browser (exact EventSource)" : "Resilient (backoff)";
            }

            @Override
            public ReconnectPolicy fromString(String s) {
                return null;
            }
        });
        policy.valueProperty().bindBidirectional(vm.policyProperty());
        policyTooltip.textProperty().bind(Bindings.createStringBinding(() -> vm.policyProperty().get() == ReconnectPolicy.BROWSER
                ? "Browser: exactly what an EventSource does. After the stream ends or the network fails, wait the "
                + "reconnection time (3 s unless the server sends retry:) and reconnect with Last-Event-ID. Any HTTP "
                + "status but 200, or a Content-Type other than text/event-stream, closes the connection for good."
                : "Resilient: like Browser, and also retries HTTP errors (except 204, the server's 'stop') with "
                + "exponential backoff and jitter, capped at 30 s, reset after a connection lives 60 s.",
                vm.policyProperty()));
        initialLastEventId.textProperty().bindBidirectional(vm.initialLastEventIdProperty());
        readTimeout.textProperty().bindBidirectional(vm.readTimeoutSecondsProperty());
        maxAttempts.textProperty().bindBidirectional(vm.maxAttemptsProperty());
        body.textProperty().bindBidirectional(vm.bodyProperty());
        contentType.textProperty().bindBidirectional(vm.contentTypeProperty());
        headerTable.setItems(vm.headers());
        headerName.setCellValueFactory(c -> c.getValue().nameProperty());
        headerValue.setCellValueFactory(c -> c.getValue().valueProperty());
        headerTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        headerName.setSortable(false);
        headerValue.setSortable(false);
        headerName.setCellFactory(c -> new EditingCell<>());
        headerValue.setCellFactory(c -> new EditingCell<>());
        message.textProperty().bind(vm.messageProperty());
        showWhenNotEmpty(message);
        recentButton.setOnShowing(e -> fillRecent());
    }

    private void fillRecent() {
        recentButton.getItems().setAll(recentItems(vm.settingsRecent(), vm::applyRecent));
    }

    /** Menu items for the remembered requests, or one disabled item saying there are none yet. */
    static List<MenuItem> recentItems(List<Settings.Recent> recent, Consumer<Settings.Recent> onPick) {
        List<MenuItem> items = new ArrayList<>();
        for (Settings.Recent r : recent) {
            MenuItem item = new MenuItem(r.method + " " + r.url);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> onPick.accept(r));
            items.add(item);
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem("No recent URLs yet");
            none.setDisable(true);
            items.add(none);
        }
        return items;
    }

    private void bindState() {
        readyState.setId("readyState");
        readyState.textProperty().bind(Bindings.createStringBinding(() -> {
            ReadyState s = vm.readyStateProperty().get();
            return s == null ? "– IDLE" : s.code() + " " + s.name();
        }, vm.readyStateProperty()));
        vm.readyStateProperty().addListener((o, old, s) -> styleState(readyState, s));
        styleState(readyState, null);
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.textProperty().bind(Bindings.createStringBinding(() -> describe(vm.readyStateProperty().get())
                + "\n\nWhy: " + vm.stateReasonProperty().get(), vm.readyStateProperty(), vm.stateReasonProperty()));
        readyState.setTooltip(tip);
        connectButton.disableProperty().bind(url.textProperty().isEmpty());
        disconnectButton.disableProperty().bind(vm.activeProperty().not());
    }

    /** Gives {@code node} the style class of a readyState (state-0/1/2, or state-idle before any connection). */
    static void styleState(Node node, ReadyState s) {
        node.getStyleClass().removeAll("state-idle", "state-0", "state-1", "state-2");
        node.getStyleClass().add(s == null ? "state-idle" : "state-" + s.code());
    }

    static String describe(ReadyState s) {
        if (s == null) return "Not connected yet. Enter a URL and press Enter.";
        return switch (s) {
            case CONNECTING -> "0 CONNECTING: opening the connection, or waiting to reconnect after it dropped.";
            case OPEN -> "1 OPEN: the response was 200 text/event-stream and events are being delivered.";
            case CLOSED -> "2 CLOSED: the connection failed for good or was closed; no reconnect will follow.";
        };
    }

    private void bindMessages() {
        messages.setId("messages");
        messages.setItems(vm.visibleRows());
        messages.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        seqColumn.setCellValueFactory(c -> constant(c.getValue().seq()));
        timeColumn.setCellValueFactory(c -> constant(CLOCK.format(Instant.ofEpochMilli(c.getValue().time()))));
        gapColumn.setCellValueFactory(c -> constant(c.getValue().gapMillis() < 0 ? "" : String.valueOf(c.getValue().gapMillis())));
        typeColumn.setCellValueFactory(c -> constant(c.getValue().type()));
        idColumn.setCellValueFactory(c -> constant(c.getValue().id()));
        dataColumn.setCellValueFactory(c -> constant(preview(c.getValue().data())));
        sizeColumn.setCellValueFactory(c -> constant(c.getValue().kind() == MessageRow.Kind.STATE
                || c.getValue().kind() == MessageRow.Kind.ERROR ? null : c.getValue().size()));
        messages.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MessageRow row, boolean empty) {
                super.updateItem(row, empty);
                // Pseudo-classes, not style classes: rows get new items every frame while the list scrolls, and a
                // style-class change re-matches all CSS for the row.
                MessageRow.Kind kind = empty || row == null ? null : row.kind();
                for (MessageRow.Kind k : MessageRow.Kind.values()) pseudoClassStateChanged(KIND_PSEUDO[k.ordinal()], k == kind);
            }
        });
        messages.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) copySelected();
        });

        filter.setId("filter");
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        regex.selectedProperty().bindBidirectional(vm.filterRegexProperty());
        showComments.selectedProperty().bindBidirectional(vm.showCommentsProperty());
        showConnection.selectedProperty().bindBidirectional(vm.showConnectionProperty());
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        pause.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        typeFilter.getItems().add("");
        vm.eventTypes().addListener((javafx.collections.ListChangeListener<String>) c -> {
            String selected = typeFilter.getValue();
            typeFilter.getItems().setAll(vm.eventTypes());
            typeFilter.getItems().add(0, "");
            typeFilter.setValue(selected);
        });
        typeFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? "All types" : s;
            }

            @Override
            public String fromString(String s) {
                return "All types".equals(s) ? "" : s;
            }
        });
        typeFilter.valueProperty().addListener((o, a, b) -> vm.filterTypeProperty().set(b == null ? "" : b));
        filterError.textProperty().bind(vm.filterErrorProperty());
        showWhenNotEmpty(filterError);
    }

    private void bindDetail() {
        messages.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> showDetail(row));
    }

    private void showDetail(MessageRow row) {
        copyButton.setDisable(row == null);
        if (row == null) {
            detailTitle.setText("Select a message");
            detailText.clear();
            detailRaw.clear();
            detailJson.setRoot(null);
            return;
        }
        detailTitle.setText("#" + row.seq() + " " + row.kind().name().toLowerCase(Locale.ROOT) + " · " + row.type()
                + (row.id().isEmpty() ? "" : " · id " + row.id()) + " · " + row.size() + " B");
        detailRaw.setText(String.join("\n", row.rawLines()));
        JsonNode json = parseJson(row.data());
        if (json == null) {
            detailText.setText(row.data());
            detailJson.setRoot(new TreeItem<>("Not JSON"));
        } else {
            try {
                detailText.setText(JSON.writeValueAsString(json));
            } catch (IOException e) {
                detailText.setText(row.data());
            }
            int[] budget = {MAX_TREE_NODES};
            TreeItem<String> root = tree("(root)", json, budget);
            root.setExpanded(true);
            detailJson.setRoot(root);
        }
    }

    static JsonNode parseJson(String data) {
        String t = data.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) return null;
        try {
            return JSON.readTree(t);
        } catch (IOException e) {
            return null;
        }
    }

    /** A collapsible tree of a JSON value, at most {@code budget} nodes. */
    static TreeItem<String> tree(String name, JsonNode node, int[] budget) {
        budget[0]--;
        if (node.isObject()) {
            TreeItem<String> item = new TreeItem<>(name + "  {" + node.size() + "}");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && budget[0] > 0; ) {
                Map.Entry<String, JsonNode> f = it.next();
                item.getChildren().add(tree(f.getKey(), f.getValue(), budget));
            }
            item.setExpanded(node.size() <= 20);
            return item;
        }
        if (node.isArray()) {
            TreeItem<String> item = new TreeItem<>(name + "  [" + node.size() + "]");
            for (int i = 0; i < node.size() && budget[0] > 0; i++) item.getChildren().add(tree("[" + i + "]", node.get(i), budget));
            item.setExpanded(node.size() <= 20);
            return item;
        }
        return new TreeItem<>(name + ": " + node);
    }

    private void bindAttempts() {
        attempts.setId("attempts");
        attempts.setItems(vm.attempts());
        attempts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        attemptColumn.setCellValueFactory(c -> constant(c.getValue().attempt()));
        attemptStartedColumn.setCellValueFactory(c -> constant(CLOCK.format(Instant.ofEpochMilli(c.getValue().started()))));
        attemptStatusColumn.setCellValueFactory(c -> text(c.getValue().statusProperty(), s -> s.longValue() == 0 ? "–" : s.toString()));
        attemptLastIdColumn.setCellValueFactory(c -> constant(c.getValue().lastEventIdSent().isEmpty() ? "(none)" : c.getValue().lastEventIdSent()));
        attemptOpenColumn.setCellValueFactory(c -> {
            AttemptRow a = c.getValue();
            return Bindings.createStringBinding(() -> a.openMillisProperty().get() >= 0 ? duration(a.openMillisProperty().get())
                    : a.openedAtProperty().get() > 0 && a.endReasonProperty().get().isEmpty() ? "open" : "–",
                    a.openMillisProperty(), a.openedAtProperty(), a.endReasonProperty());
        });
        attemptTtfbColumn.setCellValueFactory(c -> text(c.getValue().timeToFirstByteProperty(), v -> v.longValue() < 0 ? "–" : v + " ms"));
        attemptEventsColumn.setCellValueFactory(c -> text(c.getValue().eventsProperty(), Object::toString));
        attemptBytesColumn.setCellValueFactory(c -> {
            AttemptRow a = c.getValue();
            return Bindings.createStringBinding(() -> a.endReasonProperty().get().isEmpty() && a.openedAtProperty().get() > 0
                    ? "…" : bytes(a.bytesProperty().get()), a.bytesProperty(), a.endReasonProperty(), a.openedAtProperty());
        });
        attemptDelayColumn.setCellValueFactory(c -> text(c.getValue().reconnectDelayProperty(), v -> v.longValue() < 0 ? "" : v + " ms"));
        attemptReasonColumn.setCellValueFactory(c -> c.getValue().endReasonProperty());
        vm.attempts().addListener((javafx.collections.ListChangeListener<AttemptRow>) c -> {
            if (!vm.attempts().isEmpty()) attempts.scrollTo(vm.attempts().size() - 1);
        });
    }

    private void bindStatusBar() {
        eventsLabel.setId("eventsLabel");
        eventsLabel.textProperty().bind(Bindings.createStringBinding(() -> String.format("%,d events", vm.eventsProperty().get()),
                vm.eventsProperty()));
        rateLabel.textProperty().bind(Bindings.createStringBinding(() -> String.format("%,.0f/s", vm.eventsPerSecondProperty().get()),
                vm.eventsPerSecondProperty()));
        bytesLabel.textProperty().bind(Bindings.createStringBinding(() -> bytes(vm.bytesProperty().get()) + " · "
                + bytes((long) vm.bytesPerSecondProperty().get()) + "/s", vm.bytesProperty(), vm.bytesPerSecondProperty()));
        reconnectsLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.reconnectsProperty().get() + " reconnects · "
                + "retry " + vm.reconnectionTimeProperty().get() + " ms", vm.reconnectsProperty(), vm.reconnectionTimeProperty()));
        lastIdLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.lastEventIdProperty().get().isEmpty() ? ""
                : "Last-Event-ID " + vm.lastEventIdProperty().get(), vm.lastEventIdProperty()));
        quietLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.quietMillisProperty().get() < 2000 ? ""
                : "quiet for " + vm.quietMillisProperty().get() / 1000 + " s", vm.quietMillisProperty()));
        vm.quietWarningProperty().addListener((o, a, warn) -> {
            if (warn) quietLabel.getStyleClass().add("warning");
            else quietLabel.getStyleClass().remove("warning");
        });
        rowsLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            String s = String.format("%,d rows", vm.rows().size());
            if (vm.droppedProperty().get() > 0) s += String.format(" (%,d oldest dropped)", vm.droppedProperty().get());
            if (vm.heldProperty().get() > 0) s += String.format(" · %,d held while paused", vm.heldProperty().get());
            return s;
        }, vm.rows(), vm.droppedProperty(), vm.heldProperty()));
        vm.historyVersionProperty().addListener((o, a, b) -> drawSparkline());
        drawSparkline();
    }

    private void drawSparkline() {
        GraphicsContext g = sparkline.getGraphicsContext2D();
        double w = sparkline.getWidth();
        double h = sparkline.getHeight();
        g.clearRect(0, 0, w, h);
        RateHistory history = vm.history();
        g.setStroke(Color.gray(0.5, 0.4));
        g.strokeLine(0, h - 0.5, w, h - 0.5);
        if (history.size() < 2) return;
        double max = Math.max(1, history.max());
        double step = w / (history.capacity() - 1);
        double x0 = w - step * (history.size() - 1);
        g.setStroke(Color.web("#2f81f7"));
        g.setLineWidth(1.5);
        g.beginPath();
        for (int i = 0; i < history.size(); i++) {
            double x = x0 + i * step;
            double y = h - 1 - (h - 3) * history.get(i) / max;
            if (i == 0) g.moveTo(x, y);
            else g.lineTo(x, y);
        }
        g.stroke();
    }

    // ------------------------------------------------------------------ pulse and actions

    /** Once per pulse: apply what the engine queued, keep the newest row in view unless paused. */
    public void onPulse(long nowMillis) {
        int added = vm.drain(nowMillis);
        if (added > 0 && !vm.pausedProperty().get() && messages.getSelectionModel().isEmpty()) {
            int last = vm.visibleRows().size() - 1;
            if (last >= 0) messages.scrollTo(last);
        }
    }

    @FXML
    public void connect() {
        vm.connect();
        if (vm.messageProperty().get().isEmpty()) messages.requestFocus();
        else url.requestFocus();
    }

    @FXML
    public void disconnect() {
        vm.disconnect();
    }

    @FXML
    public void pasteCurl() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text == null || text.isBlank()) {
            vm.applyCurl("");
            return;
        }
        if (vm.applyCurl(text)) options.setExpanded(true);
    }

    @FXML
    private void addHeader() {
        vm.headers().add(new HeaderRow("", ""));
        int row = vm.headers().size() - 1;
        headerTable.getSelectionModel().select(row);
        headerTable.scrollTo(row);
        headerTable.layout(); // the new row needs its cell before it can be edited
        headerTable.edit(row, headerName);
    }

    @FXML
    private void removeHeader() {
        HeaderRow selected = headerTable.getSelectionModel().getSelectedItem();
        if (selected != null) vm.headers().remove(selected);
    }

    @FXML
    private void clear() {
        vm.clear();
    }

    @FXML
    void copySelected() {
        MessageRow row = messages.getSelectionModel().getSelectedItem();
        if (row == null) return;
        ClipboardContent content = new ClipboardContent();
        content.putString(row.data());
        Clipboard.getSystemClipboard().setContent(content);
    }

    public void focusUrl() {
        url.requestFocus();
        url.selectAll();
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    // ------------------------------------------------------------------ helpers

    private static void showWhenNotEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private static <T> ObservableValue<T> constant(T value) {
        return new ReadOnlyObjectWrapper<>(value);
    }

    private static <T> ObservableValue<String> text(ObservableValue<T> value, Function<T, String> format) {
        return Bindings.createStringBinding(() -> format.apply(value.getValue()), value);
    }

    static String preview(String data) {
        String s = data.length() > PREVIEW_CHARS ? data.substring(0, PREVIEW_CHARS) + "…" : data;
        return s.replace('\n', '⏎').replace('\r', '␍');
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format("%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format("%.1f MiB", n / 1024.0 / 1024);
        return String.format("%.2f GiB", n / 1024.0 / 1024 / 1024);
    }

    static String duration(long ms) {
        if (ms < 1000) return ms + " ms";
        if (ms < 60_000) return String.format("%.1f s", ms / 1000.0);
        return String.format("%d min %d s", ms / 60_000, ms / 1000 % 60);
    }
}
