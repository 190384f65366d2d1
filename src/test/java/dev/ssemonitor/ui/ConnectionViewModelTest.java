package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.testing.StubServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The view-model without the toolkit: the test thread plays the FX thread and calls drain(). */
@Timeout(60)
class ConnectionViewModelTest {
    @RegisterExtension
    static final StubServerExtension stub = new StubServerExtension();
    @TempDir
    Path dir;
    private Settings settings;
    private ConnectionViewModel vm;

    @BeforeEach
    void setUp() {
        settings = Settings.load(dir.resolve("settings.json"));
        vm = new ConnectionViewModel(settings);
    }

    @AfterEach
    void tearDown() {
        vm.disconnect();
    }

    /** Drains like the FX pulse until the condition holds (at most 15 s). */
    private void drainUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            vm.drain(System.currentTimeMillis());
            if (condition.getAsBoolean()) return;
            Thread.sleep(10);
        }
        throw new AssertionError("condition not met within 15 s");
    }

    private void connect(String path) {
        vm.urlProperty().set(stub.baseUrl() + path);
        vm.connect();
    }

    private List<MessageRow> rowsOf(MessageRow.Kind kind) {
        return vm.rows().stream().filter(r -> r.kind() == kind).toList();
    }

    @Test
    void followsStatesReconnectsAndTheAttemptTimeline() throws Exception {
        connect("/ids?total=5&interval=0&retry=20");
        drainUntil(() -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        assertThat(vm.eventsProperty().get()).isEqualTo(5);
        assertThat(rowsOf(MessageRow.Kind.EVENT)).extracting(MessageRow::id).containsExactly("1", "2", "3", "4", "5");
        assertThat(vm.rows()).extracting(MessageRow::seq).isSorted().doesNotHaveDuplicates();
        assertThat(rowsOf(MessageRow.Kind.STATE)).extracting(MessageRow::type)
                .containsExactly("CONNECTING", "OPEN", "CONNECTING", "CLOSED");
        assertThat(rowsOf(MessageRow.Kind.RETRY)).extracting(MessageRow::data).containsExactly("20 ms");
        assertThat(vm.stateReasonProperty().get()).startsWith("HTTP 204 No Content");
        assertThat(vm.reconnectsProperty().get()).isEqualTo(1);
        assertThat(vm.lastEventIdProperty().get()).isEqualTo("5");
        assertThat(vm.reconnectionTimeProperty().get()).isEqualTo(20);
        assertThat(vm.activeProperty().get()).isFalse();
        assertThat(vm.attempts()).hasSize(2);
        AttemptRow first = vm.attempts().get(0);
        assertThat(first.statusProperty().get()).isEqualTo(200);
        assertThat(first.eventsProperty().get()).isEqualTo(5);
        assertThat(first.reconnectDelayProperty().get()).isEqualTo(20);
        assertThat(first.endReasonProperty().get()).isEqualTo("the server ended the stream");
        assertThat(first.lastEventIdSent()).isEmpty();
        AttemptRow second = vm.attempts().get(1);
        assertThat(second.lastEventIdSent()).isEqualTo("5");
        assertThat(second.statusProperty().get()).isEqualTo(204);
        assertThat(second.openMillisProperty().get()).as("never opened").isEqualTo(-1);
        assertThat(rowsOf(MessageRow.Kind.EVENT).get(1).gapMillis()).isGreaterThanOrEqualTo(0);
        assertThat(rowsOf(MessageRow.Kind.EVENT).get(0).rawLines()).containsExactly("retry: 20", "id: 1", "data: event 1 of 5");
    }

    @Test
    void badUrlIsAMessageNotAConnection() {
        vm.urlProperty().set("localhost:8088/sse");
        vm.connect();
        assertThat(vm.messageProperty().get()).isEqualTo("Not a URL: 'localhost:8088/sse' (did you mean http://localhost:8088/sse ?)");
        assertThat(vm.activeProperty().get()).isFalse();
        assertThat(vm.readyStateProperty().get()).isNull();
        vm.urlProperty().set(stub.baseUrl() + "/sse");
        vm.readTimeoutSecondsProperty().set("soon");
        vm.connect();
        assertThat(vm.messageProperty().get()).isEqualTo("Read timeout is a number of seconds, not 'soon'");
    }

    @Test
    void givesUpAfterTheChosenNumberOfFailedReconnects() throws Exception {
        // Same engine, 10 ms reconnection time instead of 3 s, so the test does not sit through real waits.
        vm = new ConnectionViewModel(settings, (config, listener) -> dev.ssemonitor.client.EventSource.connect(
                config.toBuilder().reconnectionTime(java.time.Duration.ofMillis(10)).build(), listener));
        vm.urlProperty().set(stub.baseUrl() + "/status?code=503");
        vm.policyProperty().set(dev.ssemonitor.client.ReconnectPolicy.RESILIENT);
        vm.maxAttemptsProperty().set("lots");
        vm.connect();
        assertThat(vm.messageProperty().get()).isEqualTo("Give up after is a whole number of attempts, not 'lots'");
        vm.maxAttemptsProperty().set("2");
        vm.connect();
        drainUntil(() -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        assertThat(vm.stateReasonProperty().get()).isEqualTo("gave up after 2 reconnect attempts: HTTP 503 Service Unavailable");
        assertThat(vm.attempts()).hasSize(3);
    }

    @Test
    void filtersByTextRegexTypeAndKind() throws Exception {
        connect("/events?type=update&lines=2&count=6&interval=0");
        drainUntil(() -> vm.eventsProperty().get() >= 6);
        vm.disconnect();
        drainUntil(() -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        int all = vm.visibleRows().size();
        assertThat(vm.eventTypes()).containsExactly("message", "update");

        vm.filterTextProperty().set("EVENT 3");
        assertThat(vm.visibleRows()).extracting(MessageRow::data).containsExactly("line 1 of event 3\nline 2 of event 3");
        vm.filterRegexProperty().set(true);
        vm.filterTextProperty().set("event [45]$");
        assertThat(vm.visibleRows()).hasSize(2);
        vm.filterTextProperty().set("([");
        assertThat(vm.filterErrorProperty().get()).startsWith("Bad regex");
        assertThat(vm.visibleRows()).hasSize(all);
        vm.filterTextProperty().set("");
        assertThat(vm.filterErrorProperty().get()).isEmpty();

        vm.filterTypeProperty().set("message");
        assertThat(vm.visibleRows()).hasSize(2).allSatisfy(r -> assertThat(r.type()).isEqualTo("message"));
        vm.filterTypeProperty().set("");
        vm.showConnectionProperty().set(false);
        assertThat(vm.visibleRows()).allSatisfy(r -> assertThat(r.kind()).isEqualTo(MessageRow.Kind.EVENT));
    }

    @Test
    void commentsAndRetryRowsCanBeHidden() throws Exception {
        connect("/heartbeat?interval=10&dataEvery=2");
        drainUntil(() -> vm.eventsProperty().get() >= 2);
        assertThat(vm.commentsProperty().get()).isGreaterThanOrEqualTo(4);
        List<MessageRow> beats = rowsOf(MessageRow.Kind.COMMENT);
        assertThat(beats.get(0).gapMillis()).isEqualTo(-1);
        assertThat(beats.get(1).gapMillis()).as("heartbeat gap").isBetween(5L, 5_000L);
        assertThat(vm.visibleRows()).anyMatch(r -> r.kind() == MessageRow.Kind.COMMENT);
        vm.showCommentsProperty().set(false);
        assertThat(vm.visibleRows()).noneMatch(r -> r.kind() == MessageRow.Kind.COMMENT);
    }

    @Test
    void keepsTheNewestRowsCountsEverythingAndSaysWhatItDropped() throws Exception {
        vm.maxRowsProperty().set(100);
        connect("/flood?count=3000&size=50");
        drainUntil(() -> vm.eventsProperty().get() == 3000);
        assertThat(vm.rows()).hasSize(100);
        assertThat(vm.droppedProperty().get() + vm.rows().size()).isEqualTo(vm.rows().get(99).seq());
        List<MessageRow> events = rowsOf(MessageRow.Kind.EVENT);
        assertThat(events.get(events.size() - 1).id()).isEqualTo("3000");
    }

    @Test
    void pauseHoldsRowsBackWhileCountersKeepCounting() throws Exception {
        connect("/ids?total=40&interval=5");
        drainUntil(() -> vm.eventsProperty().get() >= 2);
        vm.pausedProperty().set(true);
        int frozen = vm.rows().size();
        drainUntil(() -> vm.eventsProperty().get() >= 20);
        assertThat(vm.rows()).hasSize(frozen);
        assertThat(vm.heldProperty().get()).isGreaterThan(0);
        vm.pausedProperty().set(false);
        assertThat(vm.heldProperty().get()).isZero();
        assertThat(rowsOf(MessageRow.Kind.EVENT)).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void exportsNdjsonLikeWatchAndCsv() throws Exception {
        connect("/events?type=update&lines=2&count=3&interval=0");
        drainUntil(() -> vm.eventsProperty().get() >= 3);
        vm.disconnect();
        drainUntil(() -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        Path ndjson = dir.resolve("session.ndjson");
        vm.export(ndjson, ConnectionViewModel.ExportFormat.NDJSON);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(ndjson);
        assertThat(lines).hasSize(vm.rows().size());
        List<JsonNode> nodes = lines.stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertThat(nodes.get(0).get("kind").asText()).isEqualTo("state");
        JsonNode firstEvent = nodes.stream().filter(n -> n.get("kind").asText().equals("event")).findFirst().orElseThrow();
        assertThat(firstEvent.get("type").asText()).isEqualTo("update");
        assertThat(firstEvent.get("data").asText()).isEqualTo("line 1 of event 1\nline 2 of event 1");
        assertThat(firstEvent.get("lastEventId").asText()).isEqualTo("1");
        assertThat(firstEvent.get("t").asLong()).isEqualTo(rowsOf(MessageRow.Kind.EVENT).get(0).time());

        Path csv = dir.resolve("session.csv");
        vm.export(csv, ConnectionViewModel.ExportFormat.CSV);
        String text = Files.readString(csv);
        assertThat(text).startsWith("seq,time,kind,type,id,data,size,gap_ms\r\n");
        assertThat(text).contains(",event,update,1,\"line 1 of event 1\nline 2 of event 1\",35,");
    }

    @Test
    void pasteAsCurlFillsTheRequest() {
        assertThat(vm.applyCurl("curl -N 'http://127.0.0.1:1/llm' -H 'Authorization: Bearer t0k' "
                + "-H 'Content-Type: application/json' --data-raw '{\"prompt\":\"x\"}'")).isTrue();
        assertThat(vm.urlProperty().get()).isEqualTo("http://127.0.0.1:1/llm");
        assertThat(vm.methodProperty().get()).isEqualTo("POST");
        assertThat(vm.bodyProperty().get()).isEqualTo("{\"prompt\":\"x\"}");
        assertThat(vm.contentTypeProperty().get()).isEqualTo("application/json");
        assertThat(vm.headers()).extracting(HeaderRow::name).containsExactly("Authorization");
        assertThat(vm.titleProperty().get()).isEqualTo("127.0.0.1:1/llm");
        assertThat(vm.applyCurl("wget x")).isFalse();
        assertThat(vm.messageProperty().get()).contains("curl");
    }

    @Test
    void recentRequestsAreRememberedWithoutSecrets() throws Exception {
        vm.headers().add(new HeaderRow("Authorization", "Bearer hide-me"));
        vm.headers().add(new HeaderRow("X-Trace", "keep"));
        connect("/ids?total=1&interval=0");
        Settings reloaded = Settings.load(dir.resolve("settings.json"));
        assertThat(reloaded.recent).hasSize(1);
        assertThat(reloaded.recent.get(0).url).isEqualTo(stub.baseUrl() + "/ids?total=1&interval=0");
        assertThat(reloaded.recent.get(0).headers).extracting(h -> h.name()).containsExactly("X-Trace");
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain("hide-me");
    }
}
