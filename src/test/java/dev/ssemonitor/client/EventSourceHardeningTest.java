package dev.ssemonitor.client;

import static dev.ssemonitor.testing.RawServer.head;
import static dev.ssemonitor.testing.RawServer.stream;
import static dev.ssemonitor.testing.RawServer.streamAndHold;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssemonitor.sse.ServerSentEvent;
import dev.ssemonitor.testing.RawServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a hostile or broken server (or a careless user) may throw at the engine, and what the engine does instead. */
@Timeout(30)
class EventSourceHardeningTest extends SourceAgainstRawServer {
    private static RawServer.Exchange redirect(int status, String location) {
        return (r, s, out) -> out.write(("HTTP/1.1 " + status + " Redirect\r\nLocation: " + location
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
    }

    @Test
    void aHugeRetryIsCappedAndNeverBecomesAReconnectStorm() throws Exception {
        server.enqueue(stream("retry: 99999999999999999999\ndata: x\n\n"));
        open(config("/retry"));
        assertThat(listener.nextStartingWith("retry")).isEqualTo("retry " + ReconnectPlan.MAX_WAIT_MILLIS);
        assertThat(listener.nextStartingWith("state CONNECTING"))
                .isEqualTo("state CONNECTING the server ended the stream; reconnecting in 86400000 ms");
        // The state change comes first, the scheduled reconnect right after it: wait for that report.
        dev.ssemonitor.testing.Waits.until("the reconnect to be scheduled", () -> {
            synchronized (listener) {
                return !listener.delays.isEmpty();
            }
        });
        synchronized (listener) {
            assertThat(listener.delays).containsExactly(86_400_000L);
        }
        server.takeRequest();
        // With the old overflow the client came straight back, hundreds of times a second.
        assertThat(server.pollRequest(300)).as("no second request during the 24 h wait").isNull();
        assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);
    }

    @Test
    void restartDuringTheWaitReconnectsAtOnceAndNeverCancelsTheNewAttempt() throws Exception {
        // The race this guards: restart() woke the wait, the engine made its new call, and restart() then cancelled
        // that new call ("network error: Canceled" and another 10-minute wait). Tried many times to give it room.
        for (int i = 0; i < 20; i++) {
            RecordingListener l = new RecordingListener();
            try (RawServer s = new RawServer()) {
                s.enqueue(stream("retry: 600000\ndata: a\n\n"));
                s.enqueue(streamAndHold("data: b\n\n"));
                try (EventSource es = EventSource.connect(EventSourceConfig.builder(s.url("/r")).build(), l)) {
                    assertThat(l.nextStartingWith("state CONNECTING the server ended the stream"))
                            .endsWith("reconnecting in 600000 ms");
                    es.restart();
                    assertThat(l.nextStartingWith("event")).as("try %d", i).isEqualTo("event message  b");
                    assertThat(es.readyState()).isEqualTo(ReadyState.OPEN);
                }
            }
        }
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsANamedTimeoutNotAnEndlessConnecting() throws Exception {
        server.enqueue((r, s, out) -> RawServer.holdOpen(s)); // reads the request, answers nothing
        open(config("/silent").responseTimeout(Duration.ofMillis(300)).maxReconnectAttempts(0).policy(ReconnectPolicy.ONCE));
        assertThat(listener.nextStartingWith("error")).startsWith("error no response within 0.3 s: the server accepted "
                + "the connection but sent no response head (127.0.0.1:" + server.port() + ")");
        assertThat(listener.nextStartingWith("state CLOSED")).contains("the Once policy does not reconnect");
    }

    @Test
    void userinfoInTheUrlIsSentAsBasicAuthAndNeverShown() throws Exception {
        server.enqueue(streamAndHold("data: ok\n\n"));
        HttpUrl url = HttpUrl.get(server.url("/auth")).newBuilder().username("al ice").password("pä55").build();
        open(EventSourceConfig.builder(url));
        assertThat(listener.nextStartingWith("event")).isEqualTo("event message  ok");
        RawServer.Request request = server.takeRequest();
        assertThat(request.header("Authorization")).isEqualTo(okhttp3.Credentials.basic("al ice", "pä55", UTF_8));
        assertThat(listener.requests.get(0).toString()).doesNotContain("pä55").doesNotContain(
                okhttp3.Credentials.basic("al ice", "pä55", UTF_8).substring(6));
    }

    @Test
    void theBodyOfARefusedResponseIsReportedUpTo64KiB() throws Exception {
        String json = "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"invalid_request_error\"}}";
        server.enqueue((r, s, out) -> {
            out.write(head(401, "application/json", json.length()));
            out.write(json.getBytes(UTF_8));
        });
        java.util.List<ErrorBody> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        source = EventSource.connect(config("/v1/stream").build(), new EventSourceListener() {
            @Override
            public void onErrorBody(ErrorBody body) {
                bodies.add(body);
            }

            @Override
            public void onReadyStateChange(ReadyState state, String reason) {
                states.add(state + " " + reason);
            }
        });
        assertThat(states.poll(10, TimeUnit.SECONDS)).startsWith("CONNECTING");
        assertThat(states.poll(10, TimeUnit.SECONDS)).startsWith("CLOSED HTTP 401");
        assertThat(bodies).singleElement().satisfies(b -> {
            assertThat(b.text()).isEqualTo(json);
            assertThat(b.status()).isEqualTo(401);
            assertThat(b.contentType()).isEqualTo("application/json");
            assertThat(b.truncated()).isFalse();
        });
    }

    @Test
    void anErrorOnTheEngineThreadEndsTheSourceAsClosedWithItsReason() throws Exception {
        server.enqueue(streamAndHold("data: one\n\ndata: two\n\n"));
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        source = EventSource.connect(config("/oom").build(), new EventSourceListener() {
            @Override
            public void onReadyStateChange(ReadyState state, String reason) {
                states.add(state + " " + reason);
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                throw new OutOfMemoryError("Java heap space"); // what a too-large stream does to a small heap
            }
        });
        assertThat(states.poll(10, TimeUnit.SECONDS)).startsWith("CONNECTING");
        assertThat(states.poll(10, TimeUnit.SECONDS)).startsWith("OPEN");
        assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo("CLOSED out of memory while reading the stream "
                + "(the stream was closed; lower the event size limit)");
        assertThat(source.awaitTermination(5000)).isTrue();
        assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    }

    @Test
    void contentTypeWithWhitespaceBeforeItsParameterIsAnEventStream() throws Exception {
        server.enqueue((r, s, out) -> {
            out.write(head(200, "text/event-stream ; charset=utf-8", -1));
            out.write("data: ok\n\n".getBytes(UTF_8));
            out.flush();
            RawServer.holdOpen(s);
        });
        open(config("/ws"));
        assertThat(listener.nextStartingWith("state OPEN")).contains("text/event-stream ; charset=utf-8");
        assertThat(listener.next()).isEqualTo("event message  ok");
        assertThat(ResponseCheck.isEventStream("TEXT/Event-Stream")).isTrue();
        assertThat(ResponseCheck.isEventStream("text/event-streamx")).isFalse();
        assertThat(ResponseCheck.isEventStream("text/plain; x=text/event-stream")).isFalse();
    }

    @Test
    void aRedirectLoopIsNamedAndNotRetried() throws Exception {
        server.otherwise(redirect(301, "/loop"));
        open(config("/loop"));
        String closed = listener.nextStartingWith("state CLOSED");
        assertThat(closed).isEqualTo("state CLOSED redirect loop: " + server.url("/loop") + " → " + server.url("/loop"));
        server.takeRequest();
        assertThat(server.pollRequest(300)).as("the loop is seen on its first repeat, and never retried").isNull();
    }

    @Test
    void credentialsNeverFollowARedirectToAnotherOriginAndEachHopIsReported() throws Exception {
        try (RawServer other = new RawServer()) {
            other.enqueue(streamAndHold("data: elsewhere\n\n"));
            server.enqueue(redirect(307, other.url("/feed")));
            open(config("/start").header("Authorization", "Bearer s3cret").header("Cookie", "sid=c00kie")
                    .header("X-Api-Key", "k3y").header("X-Trace", "t-1"));
            assertThat(listener.nextStartingWith("redirect"))
                    .isEqualTo("redirect 307 " + server.url("/start") + " -> " + other.url("/feed"));
            assertThat(listener.nextStartingWith("event")).isEqualTo("event message  elsewhere");
            assertThat(server.takeRequest().header("Cookie")).isEqualTo("sid=c00kie");
            RawServer.Request moved = other.takeRequest();
            assertThat(moved.header("Authorization")).isNull();
            assertThat(moved.header("Cookie")).isNull();
            assertThat(moved.header("X-Api-Key")).isNull();
            assertThat(moved.header("X-Trace")).as("other headers go on").isEqualTo("t-1");
            assertThat(listener.redirects.get(0).droppedHeaders()).containsExactly("Authorization", "Cookie", "X-Api-Key");
            assertThat(listener.redirects.get(0).permanent()).isFalse();
        }
    }

    @Test
    void sameOriginRedirectsKeepTheCredentials() throws Exception {
        server.enqueue(redirect(302, "/next"));
        server.enqueue(streamAndHold("data: ok\n\n"));
        open(config("/first").header("Authorization", "Bearer s3cret"));
        listener.nextStartingWith("event");
        server.takeRequest();
        assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(listener.redirects.get(0).droppedHeaders()).isEmpty();
    }

    @Test
    void afterAPermanentRedirectReconnectsGoStraightToItsTarget() throws Exception {
        server.enqueue(redirect(308, "/new"));
        server.enqueue(stream("id: 1\ndata: a\n\n"));
        server.enqueue(streamAndHold("data: b\n\n"));
        open(config("/old"));
        assertThat(listener.nextStartingWith("event")).isEqualTo("event message 1 a");
        assertThat(listener.nextStartingWith("event")).isEqualTo("event message 1 b");
        assertThat(server.takeRequest().path()).isEqualTo("/old");
        assertThat(server.takeRequest().path()).isEqualTo("/new");
        RawServer.Request reconnect = server.takeRequest();
        assertThat(reconnect.path()).isEqualTo("/new");
        assertThat(reconnect.header("Last-Event-ID")).isEqualTo("1");
        assertThat(listener.requests.get(1).url()).isEqualTo(server.url("/new"));
    }

    @Test
    void aRedirectTargetThatRefusesIsTheHostNamedInTheError() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            dead = s.getLocalPort();
        }
        server.enqueue(redirect(302, "http://127.0.0.1:" + dead + "/gone"));
        open(config("/here").maxReconnectAttempts(1));
        String error = listener.nextStartingWith("error");
        assertThat(error).startsWith("error could not connect to 127.0.0.1:" + dead + ":");
        assertThat(listener.redirects).isNotEmpty();
    }

    @Test
    void redirectsToHttpFromHttpsOrToOtherSchemesAreRefused() {
        HttpUrl https = HttpUrl.get("https://api.example/stream");
        assertThat(Redirects.refusal(https, "http://api.example/stream", HttpUrl.get("http://api.example/stream"),
                List.of(https))).startsWith("refused a redirect from https to http");
        assertThat(Redirects.refusal(https, "ftp://x/\r\nInjected: 1", null, List.of(https)))
                .isEqualTo("the server redirected to 'ftp://x/\\x0d\\x0aInjected: 1', which is not an http(s) URL");
        assertThat(Redirects.refusal(https, "/b", HttpUrl.get("https://api.example/b"), List.of(https))).isNull();
    }

    @Test
    void secretsInTheUrlAreMaskedInEveryReport() throws Exception {
        server.enqueue(streamAndHold("data: ok\n\n"));
        String url = server.url("/feed?token=t0k3n&model=x&api_key=k3y&sig=s1g");
        HttpUrl withUser = HttpUrl.get(url).newBuilder().username("me").password("pw0rd").build();
        open(EventSourceConfig.builder(withUser));
        StringBuilder all = new StringBuilder();
        all.append(listener.next()).append(listener.nextStartingWith("state OPEN")).append(listener.next());
        all.append(listener.requests).append(listener.responses);
        assertThat(all).doesNotContain("t0k3n", "k3y", "s1g", "pw0rd", "me:")
                .contains("token=••••••", "model=x", "api_key=••••••", "sig=••••••", "••••••@127.0.0.1");
        assertThat(server.takeRequest().path()).as("the real values are sent").contains("token=t0k3n");
        assertThat(source.toString()).doesNotContain("t0k3n");
    }

    @Test
    void aBadHeaderValueIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> EventSourceConfig.builder("http://127.0.0.1/").header("X-Api-Key", "sk-live\nEvil: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The value of header X-Api-Key has a character a header cannot carry (U+000A at position 8; "
                        + "a header value is printable ASCII)")
                .message().doesNotContain("sk-live");
        assertThatThrownBy(() -> EventSourceConfig.builder("http://127.0.0.1/").header("Bad Name", "v"))
                .hasMessage("Not a header name: 'Bad Name'");
    }

    @Test
    void optionsTheEngineCannotHoldAreRefusedWithWords() {
        EventSourceConfig.Builder b = EventSourceConfig.builder("http://127.0.0.1/");
        assertThatThrownBy(() -> b.readTimeout(Duration.ofSeconds(3_000_000)))
                .hasMessage("The read timeout can be at most 2147483 s (24 days)");
        assertThatThrownBy(() -> b.maxEventBytes(8L << 40)).hasMessageStartingWith("the event size limit can be at most ");
        assertThat(b.build().maxEventBytes()).isLessThanOrEqualTo(EventSourceConfig.largestEventBytes());
    }
}
