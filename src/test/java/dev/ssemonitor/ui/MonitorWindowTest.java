package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.testing.RawServer;
import dev.ssemonitor.testing.StubServerExtension;
import dev.ssemonitor.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless on Monocle, against the real stub server on 127.0.0.1. */
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class MonitorWindowTest {
    @RegisterExtension
    static final StubServerExtension stub = new StubServerExtension();
    @TempDir
    static Path dir;
    private MainWindowController window;

    @AfterEach
    void closeWindow() throws Exception {
        // Every test gets its own window; close this one's connections so the shared stub starts clean.
        WaitForAsyncUtils.asyncFx(window::shutdown).get(10, TimeUnit.SECONDS);
        FxToolkit.cleanupStages();
        Waits.until("the stub to have no live connection", () -> stub.liveConnections() == 0,
                () -> stub.liveConnections() + " live");
    }

    @Start
    void start(Stage stage) {
        Settings settings = Settings.load(dir.resolve("settings-" + System.nanoTime() + ".json"));
        settings.autoStartDemo = false;
        window = MonitorApp.show(stage, settings);
        window.newTab();
    }

    /** Waits for what the window shows; a timeout says what was awaited and the tab's state at the time. */
    private void waitFor(String what, Callable<Boolean> condition) {
        Waits.until(what, condition, this::state);
        // The condition is read from this thread, so it can hold while the FX thread is still inside the change that
        // made it true (a readyState's listeners mid-way through restyling the tab's dot): let that change finish.
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String state() {
        return window.current().map(c -> {
            ConnectionViewModel vm = c.viewModel();
            return "readyState " + vm.readyStateProperty().get() + " (" + vm.stateReasonProperty().get() + "), "
                    + vm.eventsProperty().get() + " events, " + vm.visibleRows().size() + " rows shown";
        }).orElse("no tab");
    }

    private ConnectionViewModel vm() {
        return window.current().orElseThrow().viewModel();
    }

    @SuppressWarnings("unchecked")
    private static TableView<MessageRow> messages(FxRobot robot) {
        return robot.lookup("#messages").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<AttemptRow> attempts(FxRobot robot) {
        return robot.lookup("#attempts").queryAs(TableView.class);
    }

    private static String badge(FxRobot robot) {
        return robot.lookup("#readyState").queryAs(Label.class).getText();
    }

    private static void enterUrl(FxRobot robot, String url) {
        TextField field = robot.lookup("#url").queryAs(TextField.class);
        robot.interact(() -> field.setText(url));
        robot.clickOn(field).type(KeyCode.ENTER);
    }

    @Test
    void theWindowGetsItsIconInEverySize(FxRobot robot) throws Exception {
        Stage stage = (Stage) robot.lookup("#url").query().getScene().getWindow();
        List<Integer> widths = WaitForAsyncUtils.asyncFx(() -> stage.getIcons().stream().map(i -> (int) i.getWidth()).toList())
                .get(10, TimeUnit.SECONDS);
        assertThat(widths).containsExactly(Arrays.stream(MonitorApp.ICON_SIZES).boxed().toArray(Integer[]::new));
    }

    @Test
    void typedUrlConnectsAndRowsAppearLive(FxRobot robot) throws Exception {
        assertThat(badge(robot)).isEqualTo("– IDLE");
        robot.clickOn("#url").write(stub.baseUrl() + "/sse").type(KeyCode.ENTER);
        waitFor("two event rows in the list",
                () -> messages(robot).getItems().stream().filter(r -> r.kind() == MessageRow.Kind.EVENT).count() >= 2);
        assertThat(badge(robot)).isEqualTo("1 OPEN");
        assertThat(robot.lookup("#readyState").queryAs(Label.class).getStyleClass()).contains("state-1");
        MessageRow event = messages(robot).getItems().stream().filter(r -> r.kind() == MessageRow.Kind.EVENT).findFirst().orElseThrow();
        assertThat(event.text()).matches("\\{\"message\":\"Current time is \\d\\d:\\d\\d:\\d\\d\"}");
        assertThat(robot.lookup("#eventsLabel").queryAs(Label.class).getText()).matches("\\d+ events");
        assertThat(robot.lookup("#tabs").queryAs(TabPane.class).getTabs().get(0).getText())
                .isEqualTo("127.0.0.1:" + stub.port() + "/sse");
        // The open attempt's numbers are live, not "–" and "…" until it ends.
        AttemptRow open = attempts(robot).getItems().get(0);
        waitFor("the open attempt's first byte and bytes", () -> open.timeToFirstByteProperty().get() >= 0
                && open.bytesProperty().get() > 0);
        assertThat(open.endReasonProperty().get()).isEmpty();
    }

    @Test
    void badgeAndTimelineFollowAReconnect(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/ids?total=6&closeAfter=2&interval=0&retry=200");
        waitFor("CLOSED after the server's 204", () -> vm().readyStateProperty().get() == ReadyState.CLOSED);
        assertThat(badge(robot)).isEqualTo("2 CLOSED");
        assertThat(robot.lookup("#tabs").queryAs(TabPane.class).getTabs().get(0).getGraphic().getStyleClass())
                .as("the tab's dot shows the readyState too").contains("state-2");
        List<AttemptRow> attempts = attempts(robot).getItems();
        assertThat(attempts).extracting(AttemptRow::lastEventIdSent).containsExactly("", "2", "4", "6");
        assertThat(attempts).extracting(a -> a.statusProperty().get()).containsExactly(200L, 200L, 200L, 204L);
        assertThat(attempts.get(0).reconnectDelayProperty().get()).isEqualTo(200);
        assertThat(attempts.get(0).endReasonProperty().get()).isEqualTo("the server ended the stream");
        assertThat(vm().reconnectsProperty().get()).isEqualTo(3);
        assertThat(vm().eventsProperty().get()).isEqualTo(6);
    }

    @Test
    void badgeShowsConnectingDuringTheWaitBeforeAReconnect(FxRobot robot) throws Exception {
        // A 10-minute retry: the wait outlasts any slow machine, so CONNECTING is not a window the test must hit.
        enterUrl(robot, stub.baseUrl() + "/retry?ms=600000");
        waitFor("the reconnect to be scheduled", () -> vm().reconnectsProperty().get() == 1);
        waitFor("the badge to count down the wait", () -> badge(robot).matches("0 CONNECTING · retry in (9 min [0-9]+ s|10 min 0 s)"));
        assertThat(vm().stateReasonProperty().get()).isEqualTo("the server ended the stream; reconnecting in 600000 ms");
        assertThat(robot.lookup("#reconnectsLabel").queryAs(Label.class).getText()).isEqualTo("1 reconnect · retry 600000 ms");
        // No need to sit through ten minutes: Reconnect now skips the wait.
        robot.clickOn("#reconnectNowButton");
        waitFor("the second attempt, made at once", () -> vm().attempts().size() == 2);
        waitFor("the second stream's event", () -> vm().eventsProperty().get() == 2);
    }

    @Test
    void filterNarrowsTheList(FxRobot robot) throws Exception {
        // /ids resumes after Last-Event-ID and answers 204 once all 8 are out: however slow the typing, there are
        // never more than these 8 events, so the filter's result cannot change under it.
        enterUrl(robot, stub.baseUrl() + "/ids?total=8&interval=0");
        waitFor("all 8 events", () -> vm().eventsProperty().get() == 8);
        robot.clickOn("#filter").write("event 7 ");
        waitFor("one row to match 'event 7 '", () -> messages(robot).getItems().size() == 1);
        assertThat(messages(robot).getItems().get(0).text()).isEqualTo("event 7 of 8");
        robot.doubleClickOn("#filter").eraseText(8);
        waitFor("every row back after clearing the filter", () -> messages(robot).getItems().size() > 8);
        assertThat(vm().eventsProperty().get()).isEqualTo(8);
    }

    @Test
    void scrollingUpStopsFollowingVisiblyAndEndResumesIt(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/ids?total=100000&interval=20");
        waitFor("enough rows to scroll", () -> vm().eventsProperty().get() >= 60);
        assertThat(vm().followingProperty().get()).isTrue();
        // The wheel, as the list's scroll area receives it (Monocle's robot has no wheel; under Xvfb a real one does this).
        robot.interact(() -> javafx.event.Event.fireEvent(messages(robot).lookup(".virtual-flow"), new javafx.scene.input.ScrollEvent(
                javafx.scene.input.ScrollEvent.SCROLL, 10, 10, 10, 10, false, false, false, false, false, false, 0, 400, 0, 400,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        waitFor("following to stop after scrolling up", () -> !vm().followingProperty().get());
        javafx.scene.control.Button newRows = robot.lookup("#newRows").queryAs(javafx.scene.control.Button.class);
        waitFor("the new-rows button to count arrivals", () -> newRows.isVisible() && newRows.getText().matches("↓ [0-9,]+ new"));
        assertThat(robot.lookup("#follow").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isFalse();
        robot.clickOn("#messages").type(KeyCode.END);
        waitFor("following again after End", () -> vm().followingProperty().get() && !newRows.isVisible());
    }

    @Test
    void aFilterThatMatchesNothingSaysSoAndTheStatusBarCountsWhatIsShown(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/ids?total=5&interval=0");
        waitFor("all 5 events", () -> vm().eventsProperty().get() == 5);
        robot.clickOn("#filter").write("no such text");
        waitFor("an empty list", () -> messages(robot).getItems().isEmpty());
        assertThat(robot.lookup("#messagesPlaceholder").queryAs(Label.class).getText()).startsWith("No row matches the filter: ");
        assertThat(robot.lookup("#rowsLabel").queryAs(Label.class).getText()).matches("0 of [0-9]+ rows shown · .*");
    }

    @Test
    void aServerThatSays204StopsWithoutAnErrorRow(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/status?code=204");
        waitFor("CLOSED after the 204", () -> vm().readyStateProperty().get() == ReadyState.CLOSED);
        assertThat(vm().rows()).noneMatch(r -> r.kind() == MessageRow.Kind.ERROR);
        assertThat(vm().stateReasonProperty().get()).startsWith("HTTP 204 No Content: the server asked the client to stop");
    }

    @Test
    void theRegionsAFloodRepaintsAreOneFillEachAndRowsKeepTheirLook(FxRobot robot) throws Exception {
        // A region of two or more fills is drawn from a stretched cached image: with the software renderer that cost
        // ~30 ms a frame under a flood. The split panes behind the list, the table and its rows are one fill each,
        // while a state row keeps its own colour and every row keeps its line.
        enterUrl(robot, stub.baseUrl() + "/sse");
        waitFor("an event row shown after the state row",
                () -> messages(robot).getItems().stream().anyMatch(r -> r.kind() == MessageRow.Kind.EVENT));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<MessageRow> table = messages(robot);
        List<String> multiFill = new java.util.ArrayList<>();
        java.util.Map<MessageRow.Kind, javafx.scene.paint.Paint> rowColour = new java.util.EnumMap<>(MessageRow.Kind.class);
        List<javafx.scene.paint.Paint> cellLines = new java.util.ArrayList<>();
        robot.interact(() -> {
            for (javafx.scene.Parent p = table; p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.SplitPane || p == table) checkOneFill(multiFill, (javafx.scene.layout.Region) p);
            }
            for (javafx.scene.Node n : table.lookupAll(".table-row-cell")) {
                @SuppressWarnings("unchecked")
                javafx.scene.control.TableRow<MessageRow> row = (javafx.scene.control.TableRow<MessageRow>) n;
                if (row.isEmpty() || row.getItem() == null) continue;
                checkOneFill(multiFill, row);
                rowColour.put(row.getItem().kind(), row.getBackground().getFills().get(0).getFill());
                for (javafx.scene.Node c : row.lookupAll(".table-cell")) {
                    javafx.scene.layout.Border b = ((javafx.scene.layout.Region) c).getBorder();
                    cellLines.add(b == null || b.getStrokes().isEmpty() || b.getInsets().getBottom() < 1
                            ? javafx.scene.paint.Color.TRANSPARENT : b.getStrokes().get(0).getBottomStroke());
                }
            }
        });
        assertThat(multiFill).as("regions repainted under a flood with more than one background fill").isEmpty();
        assertThat(rowColour).containsKeys(MessageRow.Kind.STATE, MessageRow.Kind.EVENT);
        assertThat(rowColour.get(MessageRow.Kind.STATE)).as("a state row's own colour")
                .isEqualTo(javafx.scene.paint.Color.web("#eef3fb")).isNotEqualTo(rowColour.get(MessageRow.Kind.EVENT));
        assertThat(cellLines).as("each cell's share of its row's line").isNotEmpty()
                .doesNotContain(javafx.scene.paint.Color.TRANSPARENT);
    }

    private static void checkOneFill(List<String> multiFill, javafx.scene.layout.Region r) {
        if (r.getBackground() != null && r.getBackground().getFills().size() > 1) {
            multiFill.add(r.getClass().getSimpleName() + r.getStyleClass() + ": " + r.getBackground().getFills().size() + " fills");
        }
    }

    @Test
    void aDeadServerIsOneErrorRowPerAttemptNotTwoAlikeRows(FxRobot robot) throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            dead = s.getLocalPort();
        }
        enterUrl(robot, "http://127.0.0.1:" + dead + "/sse");
        waitFor("the wait after the first failure", () -> vm().reconnectsProperty().get() == 1);
        waitFor("its rows", () -> vm().rows().stream().filter(r -> r.kind() == MessageRow.Kind.STATE).count() >= 2);
        List<MessageRow> rows = vm().rows();
        MessageRow error = rows.stream().filter(r -> r.kind() == MessageRow.Kind.ERROR).findFirst().orElseThrow();
        assertThat(error.text()).startsWith("could not connect to 127.0.0.1:" + dead + ": ");
        MessageRow after = rows.get(rows.indexOf(error) + 1);
        assertThat(after.state()).isEqualTo(ReadyState.CONNECTING);
        assertThat(after.text()).as("the state row does not repeat the error").isEqualTo("reconnecting in 3000 ms");
    }

    @Test
    void theLayoutAuditSeesTextCutToAnEllipsis(FxRobot robot) throws Exception {
        // What scripts/desktop-check.sh relies on: a label too narrow for its text is reported, a wide one is not.
        Stage[] extra = new Stage[1];
        robot.interact(() -> {
            Label narrow = new Label("a label far too long for forty pixels");
            narrow.setId("narrow");
            narrow.setMaxWidth(40);
            Label wide = new Label("fits");
            wide.setId("wide");
            extra[0] = new Stage();
            extra[0].setTitle("audit probe");
            extra[0].setScene(new javafx.scene.Scene(new javafx.scene.layout.VBox(narrow, wide), 300, 100));
            extra[0].show();
        });
        String[] audit = new String[1];
        waitFor("the probe window laid out", () -> {
            robot.interact(() -> audit[0] = LayoutAudit.snapshot().toString());
            return audit[0].contains("audit probe") && audit[0].contains("\"narrow\"");
        });
        assertThat(audit[0]).contains("\"text\":\"a label far too long for forty pixels\"").doesNotContain("\"wide\"");
        robot.interact(() -> extra[0].close());
    }

    @Test
    void aLongIdAndTypeNeverPushTheSelectedEventsPanePastItsEdge(FxRobot robot) throws Exception {
        String id = "i".repeat(500);
        String type = "t".repeat(300);
        String data = "x".repeat(3000); // one line with nowhere to wrap
        try (RawServer server = new RawServer()) {
            server.enqueue(RawServer.streamAndHold("event: " + type + "\nid: " + id + "\ndata: " + data + "\n\n"));
            enterUrl(robot, server.url("/long"));
            waitFor("the event row", () -> vm().eventsProperty().get() == 1);
            MessageRow row = messages(robot).getItems().stream().filter(r -> r.kind() == MessageRow.Kind.EVENT)
                    .findFirst().orElseThrow();
            robot.interact(() -> messages(robot).getSelectionModel().select(row));
            Label title = robot.lookup("#detailTitle").queryAs(Label.class);
            waitFor("the event's title", () -> title.getText().startsWith("#"));
            javafx.scene.Node side = robot.lookup("#sideTabs").query();
            javafx.scene.Node copy = robot.lookup("#copyButton").query();
            javafx.scene.Node text = robot.lookup("#detailText").query();
            javafx.geometry.Bounds[] b = new javafx.geometry.Bounds[3];
            robot.interact(() -> {
                b[0] = side.localToScene(side.getLayoutBounds());
                b[1] = copy.localToScene(copy.getLayoutBounds());
                b[2] = text.localToScene(text.getLayoutBounds());
            });
            assertThat(b[0].getMaxX()).as("the pane's right edge within the window").isLessThanOrEqualTo(side.getScene().getWidth() + 0.5);
            assertThat(b[1].getMaxX()).as("Copy data's right edge within the pane %s", b[0]).isLessThanOrEqualTo(b[0].getMaxX() + 0.5);
            assertThat(b[1].getWidth()).as("Copy data keeps its width").isGreaterThan(30);
            assertThat(b[2].getMaxX()).as("the text area's right edge within the pane %s", b[0]).isLessThanOrEqualTo(b[0].getMaxX() + 0.5);
            // The title names the event with both fields cut short; the whole of them stays in the row.
            assertThat(title.getText()).contains("t".repeat(Formats.LINE_FIELD_CHARS) + "…")
                    .contains("id " + "i".repeat(Formats.LINE_FIELD_CHARS) + "…").doesNotContain("t".repeat(65));
            assertThat(row.id()).isEqualTo(id);
            assertThat(robot.lookup("#lastIdLabel").queryAs(Label.class).getText())
                    .isEqualTo("Last-Event-ID " + "i".repeat(Formats.LINE_FIELD_CHARS) + "…");
        }
    }

    @Test
    void badUrlShowsItsMessage(FxRobot robot) throws Exception {
        enterUrl(robot, "ftp://example.com/feed");
        Label message = robot.lookup(".message").match(n -> n.isVisible()).queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("Not an http(s) URL: 'ftp://example.com/feed' (event streams are served over HTTP)");
        assertThat(badge(robot)).isEqualTo("– IDLE");
    }

    @Test
    void escDisconnectsAndExportWritesAValidFile(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/sse");
        waitFor("a demo event", () -> vm().eventsProperty().get() >= 1);
        robot.type(KeyCode.ESCAPE);
        waitFor("CLOSED after Esc", () -> vm().readyStateProperty().get() == ReadyState.CLOSED);
        assertThat(vm().stateReasonProperty().get()).isEqualTo("disconnected by the user");
        AttemptRow attempt = vm().attempts().get(0);
        assertThat(attempt.endReasonProperty().get()).as("Disconnect ends the attempt too").isEqualTo("disconnected by the user");
        assertThat(attempt.bytesProperty().get()).isPositive();
        assertThat(attempt.openMillisProperty().get()).isNotNegative();
        Path file = dir.resolve("export.ndjson");
        List<java.util.concurrent.CompletableFuture<Integer>> export = new java.util.ArrayList<>();
        robot.interact(() -> export.add(vm().export(file, SessionExport.Format.NDJSON)));
        assertThat(export.get(0).get(20, TimeUnit.SECONDS)).isEqualTo(messages(robot).getItems().size());
        ObjectMapper json = new ObjectMapper();
        List<String> kinds = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) kinds.add(json.readTree(line).get("kind").asText());
        // The rows the list shows, and the attempt's own records, as watch prints them.
        assertThat(kinds.stream().filter(k -> k.equals("state") || k.equals("event"))).hasSize(messages(robot).getItems().size());
        assertThat(kinds).containsSubsequence("state", "request", "response", "event", "attempt-end", "state");
        assertThat(kinds).allSatisfy(k -> assertThat(k).isIn("state", "event", "request", "response", "attempt-end"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void headerTypedInTheTableIsSentWithoutPressingEnter(FxRobot robot) throws Exception {
        try (RawServer server = new RawServer()) {
            server.enqueue(RawServer.streamAndHold("data: ok\n\n"));
            TextField url = robot.lookup("#url").queryAs(TextField.class);
            robot.interact(() -> url.setText(server.url("/h")));
            robot.clickOn("Request options");
            robot.clickOn("Add header").write("X-Trace");
            TableView<HeaderRow> headers = robot.lookup("#headerTable").queryAs(TableView.class);
            robot.interact(() -> headers.edit(0, (javafx.scene.control.TableColumn<HeaderRow, ?>) headers.getColumns().get(1)));
            robot.write("t-42");
            // Straight to Ctrl+Enter: no Enter in the cell, focus never leaves it.
            robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
            RawServer.Request request = server.takeRequest();
            assertThat(request.header("X-Trace")).as("request %s, rows %s", request.headers(),
                    vm().request().headers().stream().map(h -> h.name() + "=" + h.value()).toList()).isEqualTo("t-42");
            waitFor("the event after the header", () -> vm().eventsProperty().get() == 1);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tabFromAHeadersNameGoesOnToItsValue(FxRobot robot) throws Exception {
        try (RawServer server = new RawServer()) {
            server.enqueue(RawServer.streamAndHold("data: ok\n\n"));
            TextField url = robot.lookup("#url").queryAs(TextField.class);
            robot.interact(() -> url.setText(server.url("/t")));
            robot.clickOn("Request options");
            robot.clickOn("Add header").write("X-Key");
            robot.type(KeyCode.TAB);
            robot.write("Bearer sk-live-9876");
            robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
            RawServer.Request request = server.takeRequest();
            assertThat(vm().request().headers()).extracting(h -> h.name() + "=" + h.value()).containsExactly("X-Key=Bearer sk-live-9876");
            assertThat(request.header("X-Key")).isEqualTo("Bearer sk-live-9876");
        }
    }

    @Test
    void closingATabClosesItsConnection(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/sse");
        waitFor("a demo event", () -> vm().eventsProperty().get() >= 1);
        int before = stub.liveConnections();
        assertThat(before).isPositive();
        ConnectionViewModel connection = vm();
        robot.press(KeyCode.CONTROL).press(KeyCode.W).release(KeyCode.W).release(KeyCode.CONTROL);
        waitFor("the tab to close", () -> robot.lookup("#tabs").queryAs(TabPane.class).getTabs().isEmpty());
        Waits.until("the stub to see the connection end", () -> stub.liveConnections() == before - 1,
                () -> stub.liveConnections() + " live");
        assertThat(connection.activeProperty().get()).isFalse();
    }
}
