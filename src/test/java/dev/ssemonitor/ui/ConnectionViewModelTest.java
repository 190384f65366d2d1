package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.ReconnectPlan;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.sse.ServerSentEvent;
import dev.ssemonitor.testing.StubServerExtension;
import dev.ssemonitor.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Drains like the FX pulse until the condition holds; a timeout names it and the state seen instead. */
    private void drainUntil(String what, BooleanSupplier condition) {
        Waits.until(what, () -> {
            vm.drain(System.currentTimeMillis());
            return condition.getAsBoolean();
        }, () -> "readyState " + vm.readyStateProperty().get() + " (" + vm.stateReasonProperty().get() + "), "
                + vm.eventsProperty().get() + " events, " + vm.rows().size() + " rows");
    }

    /** A flood of {@code count} events of 50-byte data, drained until all are counted and the last one's row shows. */
    private void floodUntilItsLastRowShows(int count) {
        connect("/flood?count=" + count + "&size=50");
        drainUntil(count + " events", () -> vm.eventsProperty().get() == count);
        // A flood's rows reach the list at most every FLOOD_PUBLISH_MILLIS: wait for the last of them.
        drainUntil("the row of event " + count, () -> vm.rows().stream().anyMatch(r -> r.id().equals(String.valueOf(count))));
    }

    private void connect(String path) {
        vm.request().urlProperty().set(stub.baseUrl() + path);
        vm.connect();
    }

    private List<MessageRow> rowsOf(MessageRow.Kind kind) {
        return vm.rows().stream().filter(r -> r.kind() == kind).toList();
    }

    @Test
    void followsStatesReconnectsAndTheAttemptTimeline() throws Exception {
        connect("/ids?total=5&interval=0&retry=20");
        drainUntil("readyState CLOSED", () -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        assertThat(vm.eventsProperty().get()).isEqualTo(5);
        assertThat(rowsOf(MessageRow.Kind.EVENT)).extracting(MessageRow::id).containsExactly("1", "2", "3", "4", "5");
        assertThat(vm.rows()).extracting(MessageRow::seq).isSorted().doesNotHaveDuplicates();
        assertThat(rowsOf(MessageRow.Kind.STATE)).extracting(MessageRow::state)
                .containsExactly(ReadyState.CONNECTING, ReadyState.OPEN, ReadyState.CONNECTING, ReadyState.CLOSED);
        assertThat(rowsOf(MessageRow.Kind.RETRY)).extracting(MessageRow::retryMillis).containsExactly(20L);
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

    /** A connector with no socket: the test plays the engine through the listener it was given. */
    private static void playFirstAttempt(EventSourceListener engine, String url, long now) {
        engine.onReadyStateChange(ReadyState.CONNECTING, "connecting to " + url);
        engine.onRequest(new RequestInfo(1, now, "GET", url, List.of(), ""));
        engine.onReadyStateChange(ReadyState.OPEN, "HTTP 200 OK");
        engine.onRetry(500);
        engine.onEvent(new ServerSentEvent("message", "event 3", "3"));
        engine.onLastEventIdChange("3");
        engine.onAttemptEnd(new AttemptSummary(1, 200, 40, 1, 5, 1, "the server ended the stream", true));
        engine.onReconnectScheduled(500, "reconnection time 500 ms (set by retry:)");
        engine.onReadyStateChange(ReadyState.CONNECTING, "the server ended the stream; reconnecting in 500 ms");
        engine.onRequest(new RequestInfo(2, now, "GET", url, List.of(), "3"));
    }

    @Test
    void aNewConnectionInATabStartsFromACleanState() {
        FakeEngine engine = new FakeEngine();
        vm = new ConnectionViewModel(settings, engine);
        long now = System.currentTimeMillis();
        vm.request().urlProperty().set("http://127.0.0.1:1/ids?total=9&retry=500");
        vm.connect();
        playFirstAttempt(engine.listeners.get(0), "http://127.0.0.1:1/ids?total=9&retry=500", now);
        vm.drain(now);
        assertThat(vm.reconnectionTimeProperty().get()).isEqualTo(500);
        assertThat(vm.lastEventIdProperty().get()).isEqualTo("3");
        assertThat(vm.attempts()).extracting(AttemptRow::attempt).containsExactly(1, 2);
        assertThat(vm.reconnectsProperty().get()).isEqualTo(1);

        vm.request().urlProperty().set("http://127.0.0.1:1/sse");
        vm.connect();
        EventSourceListener second = engine.listeners.get(1);
        second.onReadyStateChange(ReadyState.CONNECTING, "connecting to http://127.0.0.1:1/sse");
        second.onRequest(new RequestInfo(1, now, "GET", "http://127.0.0.1:1/sse", List.of(), ""));
        vm.drain(now + 10);

        assertThat(vm.reconnectionTimeProperty().get()).as("the new source waits the default, not the old retry:")
                .isEqualTo(ReconnectPlan.DEFAULT_RECONNECTION_TIME_MILLIS);
        assertThat(vm.lastEventIdProperty().get()).as("nothing to resume on another URL").isEmpty();
        assertThat(vm.attempts()).extracting(AttemptRow::attempt).containsExactly(1);
        assertThat(vm.attempts().get(0).url()).isEqualTo("http://127.0.0.1:1/sse");
        assertThat(vm.reconnectsProperty().get()).isZero();
        assertThat(vm.eventsProperty().get()).isZero();
        assertThat(vm.rows()).extracting(MessageRow::state).containsExactly(ReadyState.CONNECTING);
        assertThat(vm.rows().get(0).seq()).isEqualTo(1);
        assertThat(vm.readyStateProperty().get()).isEqualTo(ReadyState.CONNECTING);
        assertThat(vm.activeProperty().get()).as("the old source's CLOSED does not end the new one").isTrue();
        assertThat(vm.eventTypes()).isEmpty();
    }

    /** A fake connection, open, whose inbox holds about 20 rows of 100-byte events: what the engine would call. */
    private EventSourceListener openWithAnInboxOfTwentyRows() {
        FakeEngine engine = new FakeEngine();
        long twentyRows = 20L * MessageRow.event(0, new ServerSentEvent("message", "x".repeat(100), "1")).weight();
        vm = new ConnectionViewModel(settings, engine, twentyRows);
        vm.request().urlProperty().set("http://127.0.0.1:1/flood");
        vm.connect();
        EventSourceListener listener = engine.listeners.get(0);
        listener.onReadyStateChange(ReadyState.OPEN, "HTTP 200 OK");
        return listener;
    }

    @Test
    void aFloodFasterThanTheWindowDropsRowsButNeverCounts() {
        // The engine runs far ahead of a window that does not drain.
        EventSourceListener flood = openWithAnInboxOfTwentyRows();
        for (int i = 1; i <= 10_000; i++) {
            flood.onEvent(new ServerSentEvent("message", "x".repeat(100), String.valueOf(i)));
            flood.onLastEventIdChange(String.valueOf(i));
            if (i % 7 == 0) flood.onComment("beat");
            if (i % 10 == 0) flood.onRetry(i);
        }
        vm.drain(System.currentTimeMillis());
        assertThat(vm.eventsProperty().get()).isEqualTo(10_000);
        assertThat(vm.commentsProperty().get()).isEqualTo(10_000 / 7);
        assertThat(vm.lastEventIdProperty().get()).isEqualTo("10000");
        assertThat(vm.reconnectionTimeProperty().get()).isEqualTo(10_000);
        assertThat(rowsOf(MessageRow.Kind.EVENT)).hasSizeLessThan(25);
        assertThat(vm.rows().size() + vm.rowBuffer().droppedProperty().get())
                .as("every row is kept or counted as dropped").isEqualTo(10_000 + 10_000 / 7 + 1_000 + 1);
    }

    @Test
    void aFloodThatOutrunsOneDrainShowsTheIdOfTheLastEventCountedAndItsSkippedRowsWhereTheyWere() {
        // More signals queued than one drain takes, then rows skipped for want of room, then rows again: at every
        // drain the status bar's Last-Event-ID is that of the last event the events counter counts.
        int queued = ConnectionViewModel.MAX_SIGNALS_PER_DRAIN + 50_000;
        long rowBytes = MessageRow.event(0, new ServerSentEvent("message", "x", idOf(1))).weight(); // every id as long
        FakeEngine engine = new FakeEngine();
        vm = new ConnectionViewModel(settings, engine, rowBytes * queued);
        vm.request().urlProperty().set("http://127.0.0.1:1/flood");
        vm.connect();
        EventSourceListener flood = engine.listeners.get(0);
        flood.onReadyStateChange(ReadyState.OPEN, "HTTP 200 OK"); // two signals: the state and its row
        int id = 0;
        while (id < queued + 10_000) { // the last 10,000 find the queue full
            String s = idOf(++id);
            flood.onLastEventIdChange(s);
            flood.onEvent(new ServerSentEvent("message", "x", s));
        }

        long now = System.currentTimeMillis();
        vm.drain(now);
        long counted = vm.eventsProperty().get();
        assertThat(counted).as("one drain stops at its bound").isEqualTo(ConnectionViewModel.MAX_SIGNALS_PER_DRAIN - 2);
        assertThat(vm.lastEventIdProperty().get()).isEqualTo(idOf(counted));

        for (int i = 0; i < 5; i++) { // room again: these are queued after word of the 10,000 skipped
            String s = idOf(++id);
            flood.onLastEventIdChange(s);
            flood.onEvent(new ServerSentEvent("message", "x", s));
        }
        vm.drain(now + ConnectionViewModel.FLOOD_PUBLISH_MILLIS); // a flood's rows join the list at most this often
        assertThat(vm.eventsProperty().get()).isEqualTo(id);
        assertThat(vm.lastEventIdProperty().get()).isEqualTo(idOf(id));
        assertThat(vm.rowBuffer().droppedProperty().get() + vm.rows().size())
                .as("every row (the OPEN row and the events) kept or counted as dropped").isEqualTo(1 + id);
        List<MessageRow> events = rowsOf(MessageRow.Kind.EVENT);
        MessageRow lastBeforeTheGap = events.get(events.size() - 6);
        assertThat(lastBeforeTheGap.id()).isEqualTo(idOf(queued));
        assertThat(events.get(events.size() - 5).seq() - lastBeforeTheGap.seq())
                .as("the first event after the skipped ones is numbered past them").isEqualTo(10_000 + 1);
        assertThat(events.get(events.size() - 1).id()).isEqualTo(idOf(id));
    }

    private static String idOf(long n) {
        return String.format("%07d", n);
    }

    @Test
    void skippedRowsAtTheEndOfAFloodAreCountedOnceTheQueueIsEmpty() {
        EventSourceListener flood = openWithAnInboxOfTwentyRows();
        for (int i = 1; i <= 1_000; i++) {
            flood.onLastEventIdChange(String.valueOf(i));
            flood.onEvent(new ServerSentEvent("message", "x".repeat(100), String.valueOf(i)));
            if (i % 100 == 0) flood.onComment("beat");
        }
        vm.drain(System.currentTimeMillis());
        assertThat(vm.eventsProperty().get()).isEqualTo(1_000);
        assertThat(vm.commentsProperty().get()).isEqualTo(10);
        assertThat(vm.lastEventIdProperty().get()).isEqualTo("1000");
        long dropped = vm.rowBuffer().droppedProperty().get();
        vm.drain(System.currentTimeMillis());
        assertThat(vm.eventsProperty().get()).as("counted once, not again at the next drain").isEqualTo(1_000);
        assertThat(vm.rowBuffer().droppedProperty().get()).isEqualTo(dropped);
    }

    @Test
    void recentRequestsKeepNoSecretUrlPartsOrBodiesAndTheFileIsPrivate() throws Exception {
        vm = new ConnectionViewModel(settings, new FakeEngine());
        vm.request().urlProperty().set("http://user:pw@127.0.0.1:1/llm?token=t0k3n&model=x&api_key=k3y");
        vm.request().methodProperty().set("POST");
        vm.request().bodyProperty().set("{\"password\":\"SECRETBODY\"}");
        vm.connect();
        Path file = dir.resolve("settings.json");
        String saved = Files.readString(file);
        assertThat(saved).doesNotContain("t0k3n", "k3y", "pw@", "SECRETBODY").contains("model=x");
        Settings reloaded = Settings.load(file);
        assertThat(reloaded.recent.get(0).url).isEqualTo("http://••••••@127.0.0.1:1/llm?token=••••••&model=x&api_key=••••••");
        assertThat(reloaded.recent.get(0).body).isNull();
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        vm.applyRecent(reloaded.recent.get(0));
        assertThat(vm.messageProperty().get()).startsWith("This URL's secret parts were not remembered");

        settings.rememberSecrets = true;
        vm.request().urlProperty().set("http://user:pw@127.0.0.1:1/llm?token=t0k3n&model=x&api_key=k3y");
        vm.request().bodyProperty().set("{\"password\":\"SECRETBODY\"}");
        vm.connect();
        assertThat(Files.readString(file)).contains("t0k3n", "SECRETBODY");
    }

    @Test
    void notFollowingHoldsNewRowsSoTheRowsBeingReadStandStill() {
        FakeEngine engine = new FakeEngine();
        vm = new ConnectionViewModel(settings, engine);
        vm.request().urlProperty().set("http://127.0.0.1:1/flood");
        vm.connect();
        EventSourceListener flood = engine.listeners.get(0);
        for (int i = 1; i <= 5; i++) flood.onEvent(new ServerSentEvent("message", "e" + i, String.valueOf(i)));
        vm.drain(1);
        vm.followingProperty().set(false); // the user scrolled up to read
        List<MessageRow> reading = List.copyOf(vm.rows());
        for (int i = 6; i <= 50; i++) flood.onEvent(new ServerSentEvent("message", "e" + i, String.valueOf(i)));
        vm.drain(2);
        assertThat(vm.rows()).as("nothing slides while reading").containsExactlyElementsOf(reading);
        assertThat(vm.unseenProperty().get()).isEqualTo(45);
        assertThat(vm.eventsProperty().get()).as("counted all the same").isEqualTo(50);
        vm.followingProperty().set(true);
        assertThat(vm.unseenProperty().get()).isZero();
        assertThat(rowsOf(MessageRow.Kind.EVENT)).hasSize(50);
    }

    @Test
    void aRefusedUrlDoesNotRenameATabThatIsStreaming() {
        vm = new ConnectionViewModel(settings, new FakeEngine());
        vm.request().urlProperty().set("127.0.0.1:8088/sse");
        vm.connect();
        assertThat(vm.titleProperty().get()).isEqualTo("127.0.0.1:8088/sse");
        assertThat(vm.connectedUrlProperty().get()).as("the scheme curl would assume").isEqualTo("http://127.0.0.1:8088/sse");
        vm.request().urlProperty().set("htp:/x");
        vm.connect();
        assertThat(vm.messageProperty().get()).startsWith("Not an http(s) URL");
        assertThat(vm.titleProperty().get()).isEqualTo("127.0.0.1:8088/sse");
    }

    @Test
    void badUrlIsAMessageNotAConnection() {
        vm.request().urlProperty().set("htp:/127.0.0.1:8088/sse");
        vm.connect();
        assertThat(vm.messageProperty().get()).isEqualTo("Not an http(s) URL: 'htp:/127.0.0.1:8088/sse' (event streams are served over HTTP; did you mean http:// ?)");
        assertThat(vm.activeProperty().get()).isFalse();
        assertThat(vm.readyStateProperty().get()).isNull();
        vm.request().urlProperty().set(stub.baseUrl() + "/sse");
        vm.request().readTimeoutSecondsProperty().set("soon");
        vm.connect();
        assertThat(vm.messageProperty().get()).isEqualTo("Read timeout is a number of seconds, not 'soon'");
    }

    @Test
    void givesUpAfterTheChosenNumberOfFailedReconnects() throws Exception {
        // Same engine, 10 ms reconnection time instead of 3 s, so the test does not sit through real waits.
        vm = new ConnectionViewModel(settings, (config, listener) -> StreamConnector.engine().open(
                config.toBuilder().reconnectionTime(java.time.Duration.ofMillis(10)).build(), listener));
        vm.request().urlProperty().set(stub.baseUrl() + "/status?code=503");
        vm.request().policyProperty().set(dev.ssemonitor.client.ReconnectPolicy.RESILIENT);
        vm.request().maxAttemptsProperty().set("lots");
        vm.connect();
        assertThat(vm.messageProperty().get()).isEqualTo("Give up after is a whole number of attempts, not 'lots'");
        vm.request().maxAttemptsProperty().set("2");
        vm.connect();
        drainUntil("readyState CLOSED", () -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        assertThat(vm.stateReasonProperty().get()).isEqualTo("gave up after 2 reconnect attempts: HTTP 503 Service Unavailable");
        assertThat(vm.attempts()).hasSize(3);
    }

    @Test
    void filtersByTextRegexTypeAndKind() throws Exception {
        connect("/events?type=update&lines=2&count=6&interval=0");
        drainUntil("at least 6 events", () -> vm.eventsProperty().get() >= 6);
        vm.disconnect();
        drainUntil("readyState CLOSED", () -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        int all = vm.visibleRows().size();
        assertThat(vm.eventTypes()).containsExactly("message", "update");

        vm.filter().textProperty().set("EVENT 3");
        assertThat(vm.visibleRows()).extracting(MessageRow::text).containsExactly("line 1 of event 3\nline 2 of event 3");
        vm.filter().regexProperty().set(true);
        vm.filter().textProperty().set("event [45]$");
        assertThat(vm.visibleRows()).hasSize(2);
        vm.filter().textProperty().set("([");
        assertThat(vm.filter().errorProperty().get()).startsWith("Bad regex");
        assertThat(vm.visibleRows()).hasSize(all);
        vm.filter().textProperty().set("");
        assertThat(vm.filter().errorProperty().get()).isEmpty();

        vm.filter().types().add("message");
        assertThat(vm.visibleRows()).hasSize(2).allSatisfy(r -> assertThat(r.type()).isEqualTo("message"));
        vm.filter().types().add("update");
        assertThat(vm.visibleRows()).as("two types at once").hasSize(6);
        vm.filter().types().clear();
        vm.filter().showConnectionProperty().set(false);
        assertThat(vm.visibleRows()).allSatisfy(r -> assertThat(r.kind()).isEqualTo(MessageRow.Kind.EVENT));
    }

    @Test
    void rowsTheWindowHadNoRoomForStillCountInTheNumbersOfTheRowsAfterThem() {
        // Under a flood the inbox drops rows between drains; a row that gets through is still numbered by its place in
        // the stream, so "#" and the events counter never drift apart.
        EventSourceListener flood = openWithAnInboxOfTwentyRows();
        for (int i = 1; i <= 10_000; i++) {
            flood.onEvent(new ServerSentEvent("message", "x".repeat(100), String.valueOf(i)));
            if (i % 7 == 0) flood.onComment("beat");
            if (i % 10 == 0) flood.onRetry(i);
            if (i % 500 == 0) vm.drain(System.currentTimeMillis());
        }
        vm.drain(System.currentTimeMillis());
        List<MessageRow> events = rowsOf(MessageRow.Kind.EVENT);
        assertThat(events.size()).as("rows got through after drops").isBetween(100, 2_000);
        long firstOpen = vm.rows().get(0).seq();
        for (MessageRow e : events) {
            long i = Long.parseLong(e.id());
            // Before event i: the OPEN row, i - 1 events, and the comments and retry rows of the events before it.
            long place = firstOpen + i + (i - 1) / 7 + (i - 1) / 10;
            assertThat(e.seq()).as("event %d's number", i).isEqualTo(place);
        }
        assertThat(vm.rows().size() + vm.rowBuffer().droppedProperty().get()).as("every row kept or counted as dropped")
                .isEqualTo(1 + 10_000 + 10_000 / 7 + 1_000);
        assertThat(vm.eventsProperty().get()).isEqualTo(10_000);
    }

    @Test
    void commentsAndRetryRowsCanBeHidden() throws Exception {
        connect("/heartbeat?interval=10&dataEvery=2");
        drainUntil("at least 2 events", () -> vm.eventsProperty().get() >= 2);
        assertThat(vm.commentsProperty().get()).isGreaterThanOrEqualTo(4);
        List<MessageRow> beats = rowsOf(MessageRow.Kind.COMMENT);
        assertThat(beats.get(0).gapMillis()).isEqualTo(-1);
        assertThat(beats.get(1).gapMillis()).as("heartbeat gap").isBetween(5L, 5_000L);
        assertThat(vm.visibleRows()).anyMatch(r -> r.kind() == MessageRow.Kind.COMMENT);
        vm.filter().showCommentsProperty().set(false);
        assertThat(vm.visibleRows()).noneMatch(r -> r.kind() == MessageRow.Kind.COMMENT);
    }

    @Test
    void keepsTheNewestRowsCountsEverythingAndSaysWhatItDropped() throws Exception {
        vm.rowBuffer().maxRowsProperty().set(100);
        floodUntilItsLastRowShows(3000);
        assertThat(vm.rows()).hasSize(100);
        assertThat(vm.rowBuffer().droppedProperty().get() + vm.rows().size()).isEqualTo(vm.rows().get(99).seq());
        List<MessageRow> events = rowsOf(MessageRow.Kind.EVENT);
        assertThat(events.get(events.size() - 1).id()).isEqualTo("3000");
    }

    @Test
    void afterAFloodTheListKeepsExactlyItsBoundNotTheSlackOfItsBatches() throws Exception {
        // Under a flood a big list trims its oldest in batches and may run up to a tenth over; at rest it says
        // "oldest dropped to stay under 10,000 rows" and must hold no more than that.
        vm.rowBuffer().maxRowsProperty().set(10_000);
        floodUntilItsLastRowShows(34_567);
        int[] reported = {0};
        Waits.until("the list back at its bound", () -> {
            int before = vm.rows().size();
            int changed = vm.drain(System.currentTimeMillis());
            if (vm.rows().size() != before && changed == 0) reported[0]++;
            return vm.rows().size() == 10_000;
        }, () -> vm.rows().size() + " rows");
        assertThat(reported[0]).as("drains that changed the list but said nothing (a following view would not scroll)")
                .isZero();
        MessageRow last = vm.rows().get(vm.rows().size() - 1);
        assertThat(vm.rowBuffer().droppedProperty().get() + vm.rows().size()).as("every row kept or counted as dropped")
                .isEqualTo(last.seq());
    }

    @Test
    void pauseHoldsRowsBackWhileCountersKeepCounting() throws Exception {
        connect("/ids?total=40&interval=5");
        drainUntil("at least 2 events", () -> vm.eventsProperty().get() >= 2);
        vm.rowBuffer().pausedProperty().set(true);
        int frozen = vm.rows().size();
        drainUntil("at least 20 events", () -> vm.eventsProperty().get() >= 20);
        assertThat(vm.rows()).hasSize(frozen);
        assertThat(vm.rowBuffer().heldProperty().get()).isGreaterThan(0);
        vm.rowBuffer().pausedProperty().set(false);
        assertThat(vm.rowBuffer().heldProperty().get()).isZero();
        assertThat(rowsOf(MessageRow.Kind.EVENT)).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void aRefusedBodyIsExportedOnceAsItsResponseBodyRecord() throws Exception {
        connect("/status?code=401");
        drainUntil("readyState CLOSED", () -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        drainUntil("the body's row", () -> vm.rows().stream().anyMatch(r -> r.type().equals(MessageRow.BODY)));
        Path ndjson = dir.resolve("refused.ndjson");
        vm.export(ndjson, SessionExport.Format.NDJSON).get(10, java.util.concurrent.TimeUnit.SECONDS);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(ndjson)) records.add(json.readTree(line));
        String body = records.stream().filter(r -> r.get("kind").asText().equals("response-body")).findFirst().orElseThrow()
                .get("text").asText();
        assertThat(body).contains("401");
        assertThat(records).filteredOn(r -> r.get("kind").asText().equals("error"))
                .extracting(r -> r.get("message").asText()).as("the status, not the body again").doesNotContain(body)
                .anyMatch(m -> m.startsWith("HTTP 401"));
    }

    @Test
    void exportsNdjsonLikeWatchAndCsv() throws Exception {
        connect("/events?type=update&lines=2&count=3&interval=0");
        drainUntil("at least 3 events", () -> vm.eventsProperty().get() >= 3);
        vm.disconnect();
        drainUntil("readyState CLOSED", () -> vm.readyStateProperty().get() == ReadyState.CLOSED);
        Path ndjson = dir.resolve("session.ndjson");
        vm.export(ndjson, SessionExport.Format.NDJSON).get(10, java.util.concurrent.TimeUnit.SECONDS);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(ndjson);
        List<JsonNode> nodes = lines.stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        // Every record kind watch prints, in time order: the rows and each attempt's own records.
        List<String> kinds = nodes.stream().map(n -> n.get("kind").asText()).toList();
        List<String> attemptKinds = List.of("request", "redirect", "response", "response-body", "attempt-end", "reconnect");
        assertThat(kinds.stream().filter(k -> !attemptKinds.contains(k))).hasSize(vm.rows().size());
        assertThat(kinds).containsSubsequence("state", "request", "response", "event", "event", "event", "attempt-end");
        assertThat(kinds.get(0)).isEqualTo("state");
        assertThat(nodes).extracting(n -> n.get("t").asLong()).isSorted();
        JsonNode request = nodes.get(kinds.indexOf("request"));
        assertThat(request.get("method").asText()).isEqualTo("GET");
        assertThat(request.get("headers").toString()).contains("Accept: text/event-stream");
        JsonNode response = nodes.get(kinds.indexOf("response"));
        assertThat(response.get("status").asInt()).isEqualTo(200);
        assertThat(response.get("timing").get("waitMs").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode end = nodes.get(kinds.indexOf("attempt-end"));
        assertThat(end.get("events").asLong()).isGreaterThanOrEqualTo(3);
        // The server ends the stream after its 3 events; the user's disconnect may come first.
        assertThat(end.get("reason").asText()).isIn("the server ended the stream", "disconnected by the user");
        JsonNode firstEvent = nodes.stream().filter(n -> n.get("kind").asText().equals("event")).findFirst().orElseThrow();
        assertThat(firstEvent.get("type").asText()).isEqualTo("update");
        assertThat(firstEvent.get("data").asText()).isEqualTo("line 1 of event 1\nline 2 of event 1");
        assertThat(firstEvent.get("lastEventId").asText()).isEqualTo("1");
        assertThat(firstEvent.get("t").asLong()).isEqualTo(rowsOf(MessageRow.Kind.EVENT).get(0).time());

        Path csv = dir.resolve("session.csv");
        vm.export(csv, SessionExport.Format.CSV).get(10, java.util.concurrent.TimeUnit.SECONDS);
        String text = Files.readString(csv);
        assertThat(text).startsWith("seq,time,kind,type,id,data,size,gap_ms\r\n");
        // Size is the bytes on the wire: "event: update", "id: 1", two data: lines, each with its line end, and the blank line.
        assertThat(text).contains(",event,update,1,\"line 1 of event 1\nline 2 of event 1\",69,");
    }

    @Test
    void pasteAsCurlFillsTheRequest() {
        assertThat(vm.applyCurl("curl -N 'http://127.0.0.1:1/llm' -H 'Authorization: Bearer t0k' "
                + "-H 'Content-Type: application/json' --data-raw '{\"prompt\":\"x\"}'")).isTrue();
        assertThat(vm.request().urlProperty().get()).isEqualTo("http://127.0.0.1:1/llm");
        assertThat(vm.request().methodProperty().get()).isEqualTo("POST");
        assertThat(vm.request().bodyProperty().get()).isEqualTo("{\"prompt\":\"x\"}");
        assertThat(vm.request().contentTypeProperty().get()).isEqualTo("application/json");
        assertThat(vm.request().headers()).extracting(HeaderRow::name).containsExactly("Authorization");
        assertThat(vm.titleProperty().get()).isEqualTo("127.0.0.1:1/llm");
        assertThat(vm.applyCurl("wget x")).isFalse();
        assertThat(vm.messageProperty().get()).contains("curl");
    }

    @Test
    void recentRequestsAreRememberedWithoutSecrets() throws Exception {
        vm.request().headers().add(new HeaderRow("Authorization", "Bearer hide-me"));
        vm.request().headers().add(new HeaderRow("X-Trace", "keep"));
        connect("/ids?total=1&interval=0");
        Settings reloaded = Settings.load(dir.resolve("settings.json"));
        assertThat(reloaded.recent).hasSize(1);
        assertThat(reloaded.recent.get(0).url).isEqualTo(stub.baseUrl() + "/ids?total=1&interval=0");
        assertThat(reloaded.recent.get(0).headers).extracting(h -> h.name()).containsExactly("X-Trace");
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain("hide-me");
    }
}
