package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.testing.RawServer;
import dev.ssemonitor.testing.StubServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
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
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> stub.liveConnections() == 0);
    }

    @Start
    void start(Stage stage) {
        Settings settings = Settings.load(dir.resolve("settings-" + System.nanoTime() + ".json"));
        settings.autoStartDemo = false;
        window = MonitorApp.show(stage, settings);
        window.newTab();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
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
    void typedUrlConnectsAndRowsAppearLive(FxRobot robot) throws Exception {
        assertThat(badge(robot)).isEqualTo("– IDLE");
        robot.clickOn("#url").write(stub.baseUrl() + "/sse").type(KeyCode.ENTER);
        waitFor(() -> messages(robot).getItems().stream().filter(r -> r.kind() == MessageRow.Kind.EVENT).count() >= 2);
        assertThat(badge(robot)).isEqualTo("1 OPEN");
        assertThat(robot.lookup("#readyState").queryAs(Label.class).getStyleClass()).contains("state-1");
        MessageRow event = messages(robot).getItems().stream().filter(r -> r.kind() == MessageRow.Kind.EVENT).findFirst().orElseThrow();
        assertThat(event.data()).matches("\\{\"message\":\"Current time is \\d\\d:\\d\\d:\\d\\d\"}");
        assertThat(robot.lookup("#eventsLabel").queryAs(Label.class).getText()).matches("\\d+ events");
        assertThat(robot.lookup("#tabs").queryAs(TabPane.class).getTabs().get(0).getText())
                .isEqualTo("127.0.0.1:" + stub.port() + "/sse");
    }

    @Test
    void badgeAndTimelineFollowAReconnect(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/ids?total=6&closeAfter=2&interval=0&retry=200");
        waitFor(() -> vm().readyStateProperty().get() == ReadyState.CLOSED);
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
        enterUrl(robot, stub.baseUrl() + "/retry?ms=4000");
        waitFor(() -> vm().reconnectsProperty().get() == 1);
        assertThat(badge(robot)).isEqualTo("0 CONNECTING");
        assertThat(vm().stateReasonProperty().get()).isEqualTo("the server ended the stream; reconnecting in 4000 ms");
    }

    @Test
    void filterNarrowsTheList(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/events?type=update&lines=1&count=8&interval=0");
        waitFor(() -> vm().eventsProperty().get() == 8);
        robot.clickOn("#filter").write("event 7");
        waitFor(() -> messages(robot).getItems().size() == 1);
        assertThat(messages(robot).getItems().get(0).data()).isEqualTo("line 1 of event 7");
        robot.doubleClickOn("#filter").eraseText(7);
        waitFor(() -> messages(robot).getItems().size() > 8);
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
        waitFor(() -> vm().eventsProperty().get() >= 1);
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> vm().readyStateProperty().get() == ReadyState.CLOSED);
        assertThat(vm().stateReasonProperty().get()).isEqualTo("disconnected by the user");
        Path file = dir.resolve("export.ndjson");
        robot.interact(() -> {
            try {
                vm().export(file, ConnectionViewModel.ExportFormat.NDJSON);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(messages(robot).getItems().size());
        for (String line : lines) assertThat(json.readTree(line).get("kind").asText()).isIn("state", "event");
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
                    vm().headers().stream().map(h -> h.name() + "=" + h.value()).toList()).isEqualTo("t-42");
            waitFor(() -> vm().eventsProperty().get() == 1);
        }
    }

    @Test
    void closingATabClosesItsConnection(FxRobot robot) throws Exception {
        enterUrl(robot, stub.baseUrl() + "/sse");
        waitFor(() -> vm().eventsProperty().get() >= 1);
        int before = stub.liveConnections();
        assertThat(before).isPositive();
        ConnectionViewModel connection = vm();
        robot.press(KeyCode.CONTROL).press(KeyCode.W).release(KeyCode.W).release(KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#tabs").queryAs(TabPane.class).getTabs().isEmpty());
        waitFor(() -> stub.liveConnections() == before - 1);
        assertThat(connection.activeProperty().get()).isFalse();
    }
}
