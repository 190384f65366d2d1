package dev.ssemonitor.stub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.client.EventSource;
import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.ResponseInfo;
import dev.ssemonitor.sse.ServerSentEvent;
import dev.ssemonitor.testing.StubServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The engine against each stub scenario, over 127.0.0.1 on a free port. */
@Timeout(60)
class StubServerTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    @RegisterExtension
    static final StubServerExtension stub = new StubServerExtension(new PrintStream(LOG, true, UTF_8));

    /** Collects one source's reports until it is CLOSED or has enough events. */
    static final class Session implements EventSourceListener {
        final List<ServerSentEvent> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> states = Collections.synchronizedList(new ArrayList<>());
        final List<String> comments = Collections.synchronizedList(new ArrayList<>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final List<ResponseInfo> responses = Collections.synchronizedList(new ArrayList<>());
        final List<Long> retries = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch enough = new CountDownLatch(1);
        final Predicate<Session> done;

        Session(Predicate<Session> done) {
            this.done = done;
        }

        private void check() {
            if (done.test(this)) enough.countDown();
        }

        @Override
        public void onReadyStateChange(ReadyState state, String reason) {
            states.add(state + " " + reason);
            if (state == ReadyState.CLOSED) enough.countDown();
            check();
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            events.add(event);
            check();
        }

        @Override
        public void onComment(String comment) {
            comments.add(comment);
        }

        @Override
        public void onError(String message, Throwable cause) {
            errors.add(message);
        }

        @Override
        public void onResponse(ResponseInfo response) {
            responses.add(response);
        }

        @Override
        public void onRetry(long ms) {
            retries.add(ms);
        }
    }

    private static Session run(String path, int wanted, EventSourceConfig.Builder config) throws Exception {
        return run(path, s -> s.events.size() >= wanted, config);
    }

    private static Session run(String path, Predicate<Session> done, EventSourceConfig.Builder config)
            throws Exception {
        Session session = new Session(done);
        try (EventSource source = EventSource.connect(config.build(), session)) {
            assertThat(session.enough.await(30, TimeUnit.SECONDS)).as("%s within 30 s", path).isTrue();
        }
        return session;
    }

    private static final Predicate<Session> UNTIL_CLOSED = s -> false;

    private static EventSourceConfig.Builder config(String path) {
        return EventSourceConfig.builder(stub.baseUrl() + path).reconnectionTime(Duration.ofMillis(20));
    }

    private static Session run(String path, int wanted) throws Exception {
        return run(path, wanted, config(path));
    }

    @Test
    void demoStreamSendsTheTimeEverySecondWithTheExpressHeaders() throws Exception {
        Session s = run("/sse", 2);
        assertThat(s.events).hasSize(2);
        Pattern time = Pattern.compile("\\{\"message\":\"Current time is \\d\\d:\\d\\d:\\d\\d\"}");
        assertThat(s.events).allSatisfy(e -> assertThat(e.data()).matches(time));
        ResponseInfo r = s.responses.get(0);
        assertThat(r.header("Content-Type")).isEqualTo("text/event-stream");
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(r.header("Connection")).isEqualTo("keep-alive");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void resumeAcrossRepeatedlyKilledConnectionsLosesAndRepeatsNothing() throws Exception {
        for (String kill : new String[] {"", "&reset=1"}) {
            Session s = run("/ids", UNTIL_CLOSED,
                    config("/ids?total=60&closeAfter=7&interval=0" + kill));
            // The stub answers 204 once everything is delivered, which closes the source.
            assertThat(s.states.get(s.states.size() - 1)).as(kill).contains("HTTP 204");
            List<String> ids = s.events.stream().map(ServerSentEvent::lastEventId).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 60; i++) expected.add(String.valueOf(i));
            assertThat(ids).as("reconnects%s", kill).isEqualTo(expected);
            long opens = s.states.stream().filter(st -> st.startsWith("OPEN")).count();
            // A clean close delivers all 7 events of each connection: 9 connections. A reset may arrive before the
            // client has read what was sent, and TCP then discards it: that connection's events come again on the
            // next one (which the ids above prove), so there may be more connections, never fewer.
            if (kill.isEmpty()) assertThat(opens).isEqualTo(9);
            else assertThat(opens).isGreaterThanOrEqualTo(9);
        }
    }

    @Test
    void idsHonourAUserSuppliedLastEventId() throws Exception {
        Session s = run("/ids", 2, config("/ids?total=10&interval=0").lastEventId("8"));
        assertThat(s.events).extracting(ServerSentEvent::data).containsExactly("event 9 of 10", "event 10 of 10");
    }

    @Test
    void namedEventsCarryTypeAndMultiLineData() throws Exception {
        Session s = run("/events", 3, config("/events?type=update&lines=3&count=3&interval=0"));
        assertThat(s.events.get(0).type()).isEqualTo("update");
        assertThat(s.events.get(0).data()).isEqualTo("line 1 of event 1\nline 2 of event 1\nline 3 of event 1");
        assertThat(s.events.get(2).type()).isEqualTo("message");
    }

    @Test
    void heartbeatsArriveAsComments() throws Exception {
        Session s = run("/heartbeat", 1, config("/heartbeat?interval=20&dataEvery=3"));
        assertThat(s.comments).containsExactly("ping 1", "ping 2", "ping 3");
        assertThat(s.events.get(0).data()).isEqualTo("{\"beat\":3}");
    }

    @Test
    void retrySetsTheReconnectionTime() throws Exception {
        Session s = run("/retry", 2, config("/retry?ms=30").reconnectionTime(Duration.ofSeconds(60)));
        assertThat(s.retries).contains(30L);
        assertThat(s.states).anyMatch(st -> st.endsWith("reconnecting in 30 ms"));
    }

    @Test
    void everyLineEndingParsesTheSame() throws Exception {
        for (String eol : new String[] {"lf", "cr", "crlf"}) {
            Session s = run("/endings", 2, config("/endings?count=2&interval=0&eol=" + eol));
            assertThat(s.events).as(eol).extracting(ServerSentEvent::data)
                    .containsExactly("first line\nsecond line", "first line\nsecond line");
            assertThat(s.events.get(1).type()).isEqualTo("line-ending");
        }
    }

    @Test
    void bomIsStrippedOnceOnly() throws Exception {
        assertThat(run("/bom", 2).events).extracting(ServerSentEvent::data)
                .containsExactly("after the BOM", "second event");
        // With two BOMs the first line's field name starts with U+FEFF and is ignored.
        assertThat(run("/bom", 1, config("/bom?twice=1")).events).extracting(ServerSentEvent::data)
                .containsExactly("second event");
    }

    @Test
    void closeAfterNEventsMakesTheClientReconnect() throws Exception {
        Session s = run("/close", 4, config("/close?after=2&interval=0"));
        assertThat(s.states).anyMatch(st -> st.startsWith("CONNECTING the server ended the stream; reconnecting in 20 ms"));
    }

    @Test
    void stallIsDetectedByTheReadTimeout() throws Exception {
        Session s = run("/stall", 3, config("/stall?after=1").readTimeout(Duration.ofMillis(300)));
        assertThat(s.errors).contains("no data for 0.3 s (read timeout)");
    }

    @Test
    void resetIsANetworkErrorThenReconnects() throws Exception {
        Session s = run("/reset", 4, config("/reset?after=2&interval=0"));
        assertThat(s.errors).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("network error while reading"));
        assertThat(s.events).hasSize(4);
    }

    @Test
    void drippedBytesStillMakeWholeEvents() throws Exception {
        Session s = run("/drip", 2, config("/drip?delay=0&count=2"));
        assertThat(s.events).extracting(ServerSentEvent::data).containsExactly("dripped €vent 1", "dripped €vent 2");
    }

    @Test
    void garbageBytesBecomeReplacementCharacters() throws Exception {
        Session s = run("/garbage", 3);
        assertThat(s.events.get(0).data()).startsWith("bad bytes: \uFFFD").endsWith(" end");
        assertThat(s.events.get(1).data()).isEqualTo("lone continuation \uFFFD");
        assertThat(s.events.get(2).data()).isEqualTo("a valid event after the garbage");
        // Random bytes: whatever they parse to, the source survives them and reconnects when they end.
        Session noise = run("/garbage", x -> x.states.stream().filter(st -> st.startsWith("OPEN")).count() >= 2,
                config("/garbage?kind=random&bytes=100000"));
        assertThat(noise.states).anyMatch(st -> st.startsWith("CONNECTING the server ended the stream"));
        assertThat(noise.errors).isEmpty();
    }

    @Test
    void statusWrongTypeAndBadRedirectFailClearly() throws Exception {
        assertThat(last(run("/status", UNTIL_CLOSED, config("/status?code=204")).states)).startsWith("CLOSED HTTP 204 No Content");
        assertThat(last(run("/status", UNTIL_CLOSED, config("/status?code=503")).states)).isEqualTo("CLOSED HTTP 503 Service Unavailable");
        assertThat(last(run("/content-type", UNTIL_CLOSED, config("/content-type?type=application/json")).states))
                .isEqualTo("CLOSED the response is application/json, not text/event-stream");
        assertThat(last(run("/redirect", UNTIL_CLOSED, config("/redirect?to=")).states))
                .isEqualTo("CLOSED HTTP 302 redirect without a Location header");
    }

    @Test
    void redirectIsFollowedToTheDemo() throws Exception {
        Session s = run("/redirect", 1, config("/redirect?code=307&to=/sse"));
        assertThat(s.events.get(0).data()).startsWith("{\"message\":\"Current time is");
    }

    @Test
    void floodAndBigEventArriveWhole() throws Exception {
        Session flood = run("/flood", 5000, config("/flood?count=5000&size=200"));
        assertThat(flood.events).hasSize(5000);
        assertThat(flood.events.get(4999).lastEventId()).isEqualTo("5000");
        for (int i = 0; i < 5000; i++) {
            String n = String.valueOf(i + 1);
            assertThat(flood.events.get(i).lastEventId()).isEqualTo(n);
            assertThat(flood.events.get(i).data()).hasSize(200).isEqualTo("{\"n\":" + n + ",\"p\":\"" + "x".repeat(200 - 13 - n.length()) + "\"}");
        }
        // The smallest size: the padding runs out at event 1000, whose data is one byte over.
        Session tiny = run("/flood", 1000, config("/flood?count=1000&size=16"));
        assertThat(tiny.events.get(0).data()).isEqualTo("{\"n\":1,\"p\":\"xx\"}");
        assertThat(tiny.events.get(99).data()).isEqualTo("{\"n\":100,\"p\":\"\"}");
        assertThat(tiny.events.get(999).data()).isEqualTo("{\"n\":1000,\"p\":\"\"}");
        Session big = run("/big", 1, config("/big?size=3000000"));
        assertThat(big.events.get(0).data()).hasSize(3_000_000);
        assertThat(big.events.get(0).type()).isEqualTo("big");
    }

    @Test
    void llmStreamAnswersAPostTokenByTokenUntilDone() throws Exception {
        Session s = run("/llm", x -> x.events.stream().anyMatch(e -> e.data().equals("[DONE]")),
                config("/llm?delay=0&reasoning=0").method("POST").body("{\"prompt\":\"hi there\"}", "application/json"));
        assertThat(s.events.size()).isGreaterThan(5);
        assertThat(s.events.get(0).data()).contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\"}");
        assertThat(s.events.get(1).data()).contains("\"content\":\"You\"");
        assertThat(s.events.get(s.events.size() - 1).data()).isEqualTo("[DONE]");
    }

    /** Each vendor's stream as a client of that vendor reads it: assembled, with reasoning, a tool call and usage. */
    @Test
    void llmStreamsInEachVendorsShapeAssembleIntoTheAnswer() throws Exception {
        for (String format : List.of("openai", "openai-responses", "anthropic", "gemini")) {
            for (boolean error : List.of(false, true)) {
                String path = "/llm?format=" + format + "&delay=0&tool=1&error=" + (error ? 1 : 0);
                dev.ssemonitor.llm.AnswerAssembler a = dev.ssemonitor.llm.AnswerAssembler.auto();
                a.start(0);
                Session s = run(path, UNTIL_CLOSED, config(path).method("POST").body("{\"prompt\":\"hi \\\"there\\\"\"}",
                        "application/json").policy(dev.ssemonitor.client.ReconnectPolicy.ONCE));
                long t = 0;
                for (var e : s.events) a.accept(e.type(), e.data(), t += 5);
                a.streamEnded(true);
                dev.ssemonitor.llm.Answer answer = a.snapshot();
                assertThat(answer).as(format).isNotNull();
                assertThat(answer.format().id()).isEqualTo(format);
                assertThat(answer.text()).as(format).startsWith("You asked: \"hi \"there\"\". Server-sent events");
                assertThat(answer.reasoning()).as(format).startsWith("The user asked about hi \"there\".");
                if (error) {
                    assertThat(answer.state()).as(format + " error=1").isEqualTo(dev.ssemonitor.llm.Answer.State.FAILED);
                    assertThat(answer.error()).as(format).isNotEmpty();
                    assertThat(answer.text()).as(format + ": cut halfway").doesNotContain("until the model is done");
                } else {
                    assertThat(answer.state()).as(format).isEqualTo(dev.ssemonitor.llm.Answer.State.FINISHED);
                    assertThat(answer.text()).endsWith("until the model is done.");
                    assertThat(answer.toolCalls()).as(format).singleElement().satisfies(c -> {
                        assertThat(c.name()).isEqualTo("get_weather");
                        assertThat(c.validJson()).isTrue();
                        assertThat(c.pretty()).contains("\"Paris, France\"");
                    });
                    assertThat(answer.usage().inputTokens()).as(format).isPositive();
                    assertThat(answer.usage().outputTokens()).as(format).isPositive();
                }
            }
        }
    }

    @Test
    void aLongPromptIsEchoedShortNotCrashed() throws Exception {
        String prompt = "word ".repeat(3000) + "\\\"end";
        Session s = run("/llm", UNTIL_CLOSED, config("/llm?delay=0&reasoning=0").method("POST")
                .body("{\"prompt\":\"" + prompt + "\"}", "application/json"));
        assertThat(s.events).as("a stream, not a dropped connection").isNotEmpty();
        assertThat(s.events.get(s.events.size() - 1).data()).isEqualTo("[DONE]");
        assertThat(s.events.stream().map(e -> e.data()).filter(d -> d.contains("…"))).isNotEmpty();
    }

    @Test
    void llmParametersAreCheckedBeforeTheStreamStarts() throws Exception {
        assertThat(StubHardeningTest.exchange(stub.port(), "GET /llm?format=cohere HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400")
                .contains("format is openai, openai-responses, anthropic or gemini");
        assertThat(StubHardeningTest.exchange(stub.port(), "GET /llm?delay=-1 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(StubHardeningTest.exchange(stub.port(), "GET /llm?stall=99999999999 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void replaysARecordingMadeByWatch(@TempDir Path dir) throws Exception {
        try (StubServer replaying = StubServer.start("127.0.0.1", 0, null, StubServer.Options.defaults().withReplayDir(dir))) {
            replaysFrom(replaying, dir);
        }
    }

    private static void replaysFrom(StubServer replaying, Path dir) throws Exception {
        Path file = dir.resolve("rec.ndjson");
        Files.writeString(file, String.join("\n",
                "{\"kind\":\"state\",\"readyState\":1,\"state\":\"OPEN\",\"reason\":\"x\",\"t\":1000}",
                "{\"kind\":\"event\",\"type\":\"message\",\"data\":\"one\\nline \\\"two\\\" \\u00e9\",\"lastEventId\":\"1\",\"t\":1000}",
                "{\"kind\":\"comment\",\"text\":\"keepalive\",\"t\":1010}",
                "{\"kind\":\"event\",\"type\":\"tick\",\"data\":\"two\",\"lastEventId\":\"1\",\"t\":1100}",
                "{\"kind\":\"event\",\"type\":\"message\",\"data\":\"three\",\"lastEventId\":\"3\",\"t\":1150}"));
        String path = "/replay?speed=max&file=rec.ndjson";
        Session s = run(path, 3, EventSourceConfig.builder(replaying.baseUrl() + path));
        assertThat(s.events).extracting(e -> e.type() + "|" + e.lastEventId() + "|" + e.data())
                .containsExactly("message|1|one\nline \"two\" é", "tick|1|two", "message|3|three");
        assertThat(s.comments).containsExactly("keepalive");
        long started = System.nanoTime();
        run(path, 3, EventSourceConfig.builder(replaying.baseUrl() + path.replace("speed=max", "speed=1")));
        assertThat((System.nanoTime() - started) / 1_000_000).as("original timing: 150 ms").isGreaterThanOrEqualTo(140);
    }

    @Test
    void replayIsOnlyServedOnALoopbackBind() throws Exception {
        // Decided from the bound address alone: no test binds or reaches anything but 127.0.0.1.
        assertThat(StubServer.replayAllowed(java.net.InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(StubServer.replayAllowed(java.net.InetAddress.getByName("::1"))).isTrue();
        assertThat(StubServer.replayAllowed(java.net.InetAddress.getByName("0.0.0.0"))).isFalse();
        assertThat(StubServer.replayAllowed(java.net.InetAddress.getByName("192.0.2.10"))).isFalse();
    }

    @Test
    void pagesIndexAndCors() throws Exception {
        assertThat(get("/").body).contains("new EventSource('/sse')");
        String json = get("/scenarios.json").body;
        assertThat(json).contains("\"path\":\"/ids\"", "\"path\":\"/flood\"", "\"path\":\"/llm\"", "\"path\":\"/replay\"");
        assertThat(get("/scenarios").body).contains("<table>").contains("/stall");
        HttpURLConnection options = (HttpURLConnection) URI.create(stub.baseUrl() + "/sse").toURL().openConnection();
        options.setRequestMethod("OPTIONS");
        assertThat(options.getResponseCode()).isEqualTo(200);
        assertThat(options.getHeaderField("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(get("/nope").status).isEqualTo(404);
        assertThat(get("/ids?total=abc").status).isEqualTo(400);
    }

    @Test
    void eachConnectionIsLoggedOnOneLine() throws Exception {
        run("/ids", 1, config("/ids?total=1&interval=0").lastEventId("0"));
        // The line is written when the stub's side of the connection ends, a moment after the client has its event.
        Pattern line = Pattern.compile(
                "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} 127\\.0\\.0\\.1:\\d+ GET /ids Last-Event-ID=0 -> 200, 1 event, [0-9.]+ s, ");
        long deadline = System.currentTimeMillis() + 5_000;
        while (!line.matcher(LOG.toString(UTF_8)).find() && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertThat(LOG.toString(UTF_8)).containsPattern(line);
    }

    @Test
    void aClientThatStopsReadingBlocksOnlyItselfAndMemoryStaysBounded() throws Exception {
        try (Socket lazy = new Socket("127.0.0.1", stub.port())) {
            lazy.setReceiveBufferSize(4096);
            lazy.getOutputStream().write("GET /flood?size=1000 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(UTF_8));
            lazy.getOutputStream().flush();
            InputStream in = lazy.getInputStream();
            in.readNBytes(100); // the head arrived; now never read again
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            // Meanwhile others are served normally.
            Session s = run("/ids", 3, config("/ids?total=3&interval=0"));
            assertThat(s.events).hasSize(3);
            Thread.sleep(500);
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            assertThat(after - before).as("heap growth while a flood is stuck").isLessThan(32L << 20);
        }
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    private record Page(int status, String body) {}

    private static Page get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(stub.baseUrl() + path).toURL().openConnection();
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        return new Page(status, in == null ? "" : new String(in.readAllBytes(), UTF_8));
    }
}
