package dev.ssemonitor.ui;

import dev.ssemonitor.client.ReconnectPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The view of one connection: binds {@code ConnectionTab.fxml} to a {@link ConnectionViewModel} and forwards the
 * user's actions. The tables, the detail pane and the status bar have their own small binders. FX thread only.
 */
public final class ConnectionController {
    private static final String ALL_TYPES = "All types";

    private final ConnectionViewModel vm;
    private Parent view;
    private DetailPane detail;
    private MessageListBehavior list;

    @FXML private Label readyState;
    @FXML private TextField url;
    @FXML private Button connectButton;
    @FXML private Button disconnectButton;
    @FXML private MenuButton recentButton;
    @FXML private Label message;
    @FXML private TitledPane options;
    @FXML private javafx.scene.control.ScrollPane optionsScroll;
    @FXML private javafx.scene.layout.BorderPane tabRoot;
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
    @FXML private TextField trustFile;
    @FXML private CheckBox insecure;
    @FXML private Label insecureBanner;
    @FXML private TextField filter;
    @FXML private CheckBox regex;
    @FXML private MenuButton typeFilter;
    @FXML private ToggleButton follow;
    @FXML private Button newRows;
    @FXML private Button reconnectNowButton;
    @FXML private Label messagesPlaceholder;
    @FXML private CheckBox showComments;
    @FXML private CheckBox showConnection;
    @FXML private ToggleButton pause;
    @FXML private Label filterError;
    @FXML private TableView<MessageRow> messages;
    @FXML private Label detailTitle;
    @FXML private Button copyButton;
    @FXML private TextArea detailText;
    @FXML private TreeView<String> detailJson;
    @FXML private TextArea detailRaw;
    @FXML private TextArea detailHex;
    @FXML private TableView<AttemptRow> attempts;
    @FXML private TabPane sideTabs;
    @FXML private TabPane detailTabs;
    @FXML private Tab eventTab;
    @FXML private Tab messageTab;
    @FXML private Tab attemptTab;
    @FXML private Label attemptTitle;
    @FXML private Button copyAttempt;
    @FXML private Waterfall waterfall;
    @FXML private TextArea attemptText;
    @FXML private Label answerHeading;
    @FXML private ChoiceBox<AnswerViewModel.Reading> answerReading;
    @FXML private TextField answerPath;
    @FXML private Label answerMessage;
    @FXML private Button copyAnswer;
    @FXML private Label answerTiming;
    @FXML private Label answerTokens;
    @FXML private Label answerGaps;
    @FXML private GapChart gapChart;
    @FXML private Label answerError;
    @FXML private TitledPane reasoningPane;
    @FXML private TextArea reasoningText;
    @FXML private TextArea answerText;
    @FXML private TitledPane toolsPane;
    @FXML private VBox toolCalls;
    @FXML private TitledPane choicesPane;
    @FXML private VBox otherChoices;
    @FXML private Label answerPlaceholder;
    @FXML private Label eventsLabel;
    @FXML private Label rateLabel;
    @FXML private Sparkline sparkline;
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
        // Open request options never take more than a third of the tab: on a 900x600 window the list stays in view.
        tabRoot.heightProperty().addListener((o, a, h) -> optionsScroll.setMaxHeight(Math.max(120, Math.min(310, h.doubleValue() / 3))));
        bindRequest();
        bindState();
        bindFilter();
        MessageTable.configure(messages, vm);
        messages.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        messages.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.isShiftDown() && e.getCode() == KeyCode.C) list.copySelectedAsJson();
            else if (e.isShortcutDown() && e.getCode() == KeyCode.C) list.copySelected();
        });
        list = new MessageListBehavior(vm, messages, follow, newRows);
        messages.setContextMenu(list.rowMenu());
        list.bindFollow();
        detail = new DetailPane(detailTitle, copyButton, detailText, detailJson, detailRaw, detailHex);
        messages.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            detail.show(row);
            if (row != null) sideTabs.getSelectionModel().select(eventTab);
        });
        AnswerPane.bind(vm.answer(), new AnswerPane.Nodes(answerHeading, answerReading, answerPath, answerMessage, copyAnswer,
                answerTiming, answerTokens, answerGaps, gapChart, answerError, reasoningPane, reasoningText, answerText,
                toolsPane, toolCalls, choicesPane, otherChoices, answerPlaceholder));
        // A token stream recognised: its answer comes forward (once per connection; the user can go back to Event).
        vm.answer().presentProperty().addListener((o, was, is) -> {
            if (is) sideTabs.getSelectionModel().select(messageTab);
        });
        AttemptTable.configure(attempts, vm);
        AttemptPane.bind(attempts, sideTabs, attemptTab, attemptTitle, copyAttempt, waterfall, attemptText);
        StatusBar.bind(vm, eventsLabel, rateLabel, sparkline, bytesLabel, reconnectsLabel, lastIdLabel, quietLabel, rowsLabel);
        // What is hidden at first joins the scene when first shown (start-up: see DeferredContent).
        for (Tab t : sideTabs.getTabs()) DeferredContent.untilSelected(t);
        for (Tab t : detailTabs.getTabs()) DeferredContent.untilSelected(t);
        DeferredContent.untilExpanded(options);
    }

    private void bindRequest() {
        RequestForm form = vm.request();
        url.textProperty().bindBidirectional(form.urlProperty());
        url.setOnAction(e -> connect());
        method.getItems().setAll("GET", "POST", "PUT", "PATCH", "REPORT");
        method.valueProperty().bindBidirectional(form.methodProperty());
        policy.getItems().setAll(null, ReconnectPolicy.BROWSER, ReconnectPolicy.RESILIENT, ReconnectPolicy.ONCE);
        policy.setConverter(new StringConverter<>() {
            @Override
            public String toString(ReconnectPolicy p) {
                if (p == null) return "Automatic (Once with a body)";
                return switch (p) {
                    case BROWSER -> "Browser (exact EventSource)";
                    case RESILIENT -> "Resilient (backoff)";
                    case ONCE -> "Once (no reconnect)";
                };
            }

            @Override
            public ReconnectPolicy fromString(String s) {
                return null;
            }
        });
        policy.valueProperty().bindBidirectional(form.policyProperty());
        policyTooltip.textProperty().bind(Bindings.createStringBinding(() -> form.policyProperty().get() == null
                ? "Automatic: Once for a request with a body (a reconnect would send it again, and an API would bill it "
                + "again), Browser otherwise.\n\n" + ReconnectPolicy.ONCE.explanation() + "\n\n" + ReconnectPolicy.BROWSER.explanation()
                : form.policyProperty().get().explanation(), form.policyProperty()));
        initialLastEventId.textProperty().bindBidirectional(form.initialLastEventIdProperty());
        readTimeout.textProperty().bindBidirectional(form.readTimeoutSecondsProperty());
        maxAttempts.textProperty().bindBidirectional(form.maxAttemptsProperty());
        body.textProperty().bindBidirectional(form.bodyProperty());
        contentType.textProperty().bindBidirectional(form.contentTypeProperty());
        trustFile.textProperty().bindBidirectional(form.trustFileProperty());
        insecure.selectedProperty().bindBidirectional(form.insecureProperty());
        // The banner follows the connection that runs, not the tick box: it applies on Connect.
        insecureBanner.visibleProperty().bind(vm.insecureProperty());
        insecureBanner.managedProperty().bind(insecureBanner.visibleProperty());
        headerTable.setItems(form.headers());
        headerName.setCellValueFactory(c -> c.getValue().nameProperty());
        headerValue.setCellValueFactory(c -> c.getValue().valueProperty());
        headerTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        headerName.setCellFactory(c -> new EditingCell<>());
        headerValue.setCellFactory(c -> new EditingCell<>());
        message.textProperty().bind(vm.messageProperty());
        showWhenNotEmpty(message);
        recentButton.setOnShowing(e -> recentButton.getItems().setAll(recentItems(vm.recentRequests(), vm::applyRecent)));
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
        readyState.textProperty().bind(Bindings.createStringBinding(() -> ReadyStateStyle.badgeText(vm.readyStateProperty().get(),
                vm.reconnectInSecondsProperty().get()), vm.readyStateProperty(), vm.reconnectInSecondsProperty()));
        reconnectNowButton.visibleProperty().bind(vm.reconnectInSecondsProperty().greaterThan(0));
        reconnectNowButton.managedProperty().bind(reconnectNowButton.visibleProperty());
        vm.readyStateProperty().addListener((o, old, s) -> ReadyStateStyle.apply(readyState, s));
        ReadyStateStyle.apply(readyState, null);
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.textProperty().bind(Bindings.createStringBinding(() -> ReadyStateStyle.describe(vm.readyStateProperty().get())
                + "\n\nWhy: " + vm.stateReasonProperty().get(), vm.readyStateProperty(), vm.stateReasonProperty()));
        readyState.setTooltip(tip);
        connectButton.disableProperty().bind(url.textProperty().isEmpty());
        disconnectButton.disableProperty().bind(vm.activeProperty().not());
    }

    private void bindFilter() {
        RowFilter f = vm.filter();
        filter.textProperty().bindBidirectional(f.textProperty());
        regex.selectedProperty().bindBidirectional(f.regexProperty());
        showComments.selectedProperty().bindBidirectional(f.showCommentsProperty());
        showConnection.selectedProperty().bindBidirectional(f.showConnectionProperty());
        pause.selectedProperty().bindBidirectional(vm.rowBuffer().pausedProperty());
        pause.textProperty().bind(Bindings.when(vm.rowBuffer().pausedProperty()).then("Resume").otherwise("Pause"));
        typeFilter.setOnShowing(e -> typeFilter.getItems().setAll(typeItems()));
        typeFilter.textProperty().bind(Bindings.createStringBinding(() -> f.types().isEmpty() ? ALL_TYPES
                : f.types().size() == 1 ? f.types().iterator().next() : f.types().size() + " types", f.types()));
        messagesPlaceholder.textProperty().bind(Bindings.createStringBinding(() -> vm.rows().isEmpty()
                ? "No messages yet. Connect to a stream: rows appear here as they arrive."
                : String.format("No row matches the filter: %,d rows are hidden. Clear the filter to see them.", vm.rows().size()),
                vm.rows()));
        filterError.textProperty().bind(f.errorProperty());
        showWhenNotEmpty(filterError);
    }

    /** One item per event type seen, ticked when shown; none ticked shows all. */
    private List<MenuItem> typeItems() {
        List<MenuItem> items = new ArrayList<>();
        MenuItem all = new MenuItem(ALL_TYPES);
        all.setOnAction(e -> vm.filter().types().clear());
        items.add(all);
        if (!vm.eventTypes().isEmpty()) items.add(new SeparatorMenuItem());
        for (String type : vm.eventTypes()) {
            CheckMenuItem item = new CheckMenuItem(type);
            item.setMnemonicParsing(false);
            item.setSelected(vm.filter().types().contains(type));
            item.selectedProperty().addListener((o, was, on) -> {
                if (on) vm.filter().types().add(type);
                else vm.filter().types().remove(type);
            });
            items.add(item);
        }
        return items;
    }

    // ---- pulse and actions

    /** Once per pulse: apply what the engine queued, keep the newest row in view while following. */
    public void onPulse(long nowMillis) {
        int added = vm.drain(nowMillis);
        if (added > 0 && vm.followingProperty().get() && !vm.rowBuffer().pausedProperty().get()) list.scrollToNewest();
    }

    @FXML
    private void followNewest() {
        list.followNewest();
    }

    @FXML
    void copySelected() {
        list.copySelected();
    }

    @FXML
    private void reconnectNow() {
        vm.reconnectNow();
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
        if (vm.applyCurl(text == null ? "" : text)) options.setExpanded(true);
    }

    @FXML
    private void browseTrust() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Trust the certificates in a PEM file");
        chooser.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("Certificates (PEM)", "*.pem", "*.crt", "*.cer"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = chooser.showOpenDialog(trustFile.getScene().getWindow());
        if (f != null) vm.request().trustFileProperty().set(f.getAbsolutePath());
    }

    @FXML
    private void addHeader() {
        vm.request().headers().add(new HeaderRow("", ""));
        int row = vm.request().headers().size() - 1;
        headerTable.getSelectionModel().select(row);
        headerTable.scrollTo(row);
        headerTable.layout(); // the new row needs its cell before it can be edited
        headerTable.edit(row, headerName);
    }

    @FXML
    private void removeHeader() {
        HeaderRow selected = headerTable.getSelectionModel().getSelectedItem();
        if (selected != null) vm.request().headers().remove(selected);
    }

    @FXML
    private void clear() {
        vm.clear();
    }

    public void focusUrl() {
        url.requestFocus();
        url.selectAll();
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    private static void showWhenNotEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
