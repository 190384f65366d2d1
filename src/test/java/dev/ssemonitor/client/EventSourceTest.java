package dev.ssemonitor.client;

import static dev.ssemonitor.testing.RawServer.head;
import static dev.ssemonitor.testing.RawServer.stream;
import static dev.ssemonitor.testing.RawServer.streamAndHold;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.testing.RawServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventSourceTest extends SourceAgainstRawServer {
    @Test
    void opensDeliversEventsAndSendsTheEventSourceHeaders() throws Exception {
        server.enqueue(streamAndHold("data: {\"message\":\"Current time is 10:41:07\"}\n\n"));
        open(config("/sse"));
        assertThat(listener.next()).startsWith("state CONNECTING connecting to " + server.url("/sse"));
        assertThat(listener.next()).startsWith("state OPEN HTTP 200 OK");
        assertThat(listener.next()).isEqualTo("event message  {\"message\":\"Current time is 10:41:07\"}");
        RawServer.Request request = server.takeRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        assertThat(request.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(request.header("Last-Event-ID")).as("first request without a user-supplied id").isNull();
        assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
        source.close();
        assertThat(listener.next()).isEqualTo("state CLOSED closed by the client");
        listener.assertExhausted();
    }

    @Test
    void reconnectsAfterEndOfStreamWithLastEventIdAndServerRetry() throws Exception {
        server.enqueue(stream("retry: 50\nid: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: partial\n"));
        server.enqueue(streamAndHold("id: 3\ndata: c\n\n"));
        open(config("/ids"));
        assertThat(listener.nextStartingWith("state OPEN")).isNotNull();
        assertThat(listener.next()).isEqualTo("retry 50");
        assertThat(listener.next()).isEqualTo("event message 1 a");
        assertThat(listener.next()).isEqualTo("event message 2 b");
        assertThat(listener.next()).isEqualTo("state CONNECTING the server ended the stream; reconnecting in 50 ms");
        assertThat(listener.next()).startsWith("state OPEN");
        assertThat(listener.next()).isEqualTo("event message 3 c");
        server.takeRequest();
        RawServer.Request second = server.takeRequest();
        assertThat(second.header("Last-Event-ID")).as("the incomplete event's id does not survive").isEqualTo("2");
        assertThat(listener.delays).containsExactly(50L);
        assertThat(listener.attempts).hasSize(1);
        AttemptSummary first = listener.attempts.get(0);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.events()).isEqualTo(2);
        assertThat(first.bytes()).isGreaterThan(40);
        assertThat(first.timeToFirstByteMillis()).isGreaterThanOrEqualTo(0);
        assertThat(first.endReason()).isEqualTo("the server ended the stream");
        assertThat(listener.requests.get(1).lastEventId()).isEqualTo("2");
    }

    @Test
    void aListenerThatThrowsAtANewIdStillGetsTheEventAndEveryIdInOrder() throws Exception {
        // A new id and its event are handed over in one step: the id's call throwing must not lose the event, nor the
        // event's call throwing the next id.
        server.enqueue(streamAndHold("id: 1\ndata: a\n\nid: 2\n\nid: 3\ndata: boom\n\ndata: same id\n\nid: 4\ndata: d\n\n"));
        java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        source = EventSource.connect(config("/").build(), new EventSourceListener() {
            @Override
            public void onLastEventIdChange(String id) {
                seen.add("id " + id);
                throw new IllegalStateException("listener failure at id " + id);
            }

            @Override
            public void onEvent(dev.ssemonitor.sse.ServerSentEvent e) {
                seen.add("event " + e.lastEventId() + " " + e.data());
                if (e.data().equals("boom")) throw new IllegalStateException("listener failure at an event");
            }
        });
        java.util.List<String> got = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String next = seen.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(next).as("call %d of 8, after %s", i + 1, got).isNotNull();
            got.add(next);
        }
        assertThat(got).containsExactly("id 1", "event 1 a", "id 2", "id 3", "event 3 boom", "event 3 same id", "id 4",
                "event 4 d");
        assertThat(source.lastEventId()).isEqualTo("4");
    }

    @Test
    void userSuppliedLastEventIdGoesOnTheFirstRequestUtf8Encoded() throws Exception {
        server.enqueue(streamAndHold("data: x\n\n"));
        open(config("/").lastEventId("é€-7"));
        listener.nextStartingWith("event");
        RawServer.Request request = server.takeRequest();
        assertThat(new String(request.rawHead(), UTF_8)).contains("Last-Event-ID: é€-7\r\n");
    }

    @Test
    void closingAnOpenStreamEndsItsAttemptWithTheClosersReasonEveryTime() throws Exception {
        // The cancelled read and close() race to end the attempt; the reason must always be the one close() gave.
        for (int i = 0; i < 20; i++) {
            server.enqueue(streamAndHold("data: x\n\n"));
            RecordingListener l = new RecordingListener();
            EventSource es = EventSource.connect(config("/held").build(), l);
            assertThat(l.nextStartingWith("event message")).isNotNull();
            es.close("disconnected by the user");
            assertThat(es.awaitTermination(5000)).isTrue();
            assertThat(l.attempts).as("round %d", i).singleElement()
                    .satisfies(a -> assertThat(a.endReason()).isEqualTo("disconnected by the user"));
        }
    }

    @Test
    void aSettledStreamIsNotReconnectedWhenTheServerEndsIt() throws Exception {
        server.enqueue(stream("data: part one\n\n")); // ends unsettled: reconnected, as a browser does
        server.enqueue(stream("data: part two\n\ndata: [DONE]\n\n"));
        java.util.concurrent.atomic.AtomicReference<EventSource> self = new java.util.concurrent.atomic.AtomicReference<>();
        EventSourceListener settling = new EventSourceListener() {
            @Override
            public void onReadyStateChange(ReadyState state, String reason) {
                listener.onReadyStateChange(state, reason);
            }

            @Override
            public void onEvent(dev.ssemonitor.sse.ServerSentEvent e) {
                listener.onEvent(e);
                if (e.data().equals("[DONE]")) self.get().settle("the answer is complete (data: [DONE])");
            }
        };
        source = EventSource.connect(config("/llm").build(), settling);
        self.set(source);
        assertThat(listener.nextStartingWith("event message  part one")).isNotNull();
        assertThat(listener.nextStartingWith("state CONNECTING the server ended the stream; reconnecting")).isNotNull();
        assertThat(listener.nextStartingWith("event message  [DONE]")).isNotNull();
        assertThat(listener.next()).isEqualTo("state CLOSED the server ended the stream and the answer is complete "
                + "(data: [DONE]): not reconnecting");
        assertThat(source.awaitTermination(5000)).isTrue();
        server.takeRequest();
        server.takeRequest();
        assertThat(server.pollRequest(0)).as("two requests, the second not followed by a third").isNull();
    }

    @Test
    void http204StopsForGoodUnderBothPolicies() throws Exception {
        for (ReconnectPolicy policy : ReconnectPolicy.values()) {
            server.enqueue((r, s, out) -> out.write(head(204, null, 0)));
            RecordingListener l = new RecordingListener();
            try (EventSource es = EventSource.connect(config("/stop").policy(policy).build(), l)) {
                l.next();
                assertThat(l.next()).as(policy.name()).startsWith("error HTTP 204 No Content");
                assertThat(l.next()).startsWith("state CLOSED HTTP 204 No Content: the server asked the client to stop");
                server.takeRequest();
                assertThat(server.pollRequest(300)).as("no reconnect after 204").isNull();
                l.assertExhausted();
            }
        }
    }

    @Test
    void httpErrorFailsTheBrowserPolicy() throws Exception {
        server.enqueue((r, s, out) -> out.write(head(500, "text/plain", 0)));
        open(config("/"));
        listener.next();
        assertThat(listener.next()).isEqualTo("error HTTP 500 Internal Server Error");
        assertThat(listener.next()).isEqualTo("state CLOSED HTTP 500 Internal Server Error");
        server.takeRequest();
        assertThat(server.pollRequest(300)).isNull();
        assertThat(listener.responses).singleElement().extracting(ResponseInfo::status).isEqualTo(500);
    }

    @Test
    void resilientPolicyRetriesHttpErrorsWithBackoff() throws Exception {
        server.enqueue((r, s, out) -> out.write(head(503, "text/plain", 0)));
        server.enqueue((r, s, out) -> out.write(head(500, "text/plain", 0)));
        server.enqueue(streamAndHold("data: back\n\n"));
        open(config("/").policy(ReconnectPolicy.RESILIENT));
        listener.next();
        assertThat(listener.next()).startsWith("state CONNECTING HTTP 503 Service Unavailable; reconnecting in ");
        assertThat(listener.nextStartingWith("state CONNECTING HTTP 500")).isNotNull();
        assertThat(listener.nextStartingWith("event")).isEqualTo("event message  back");
        // 20 ms base: the first wait is in [10, 20], the second, doubled, in [20, 40].
        assertThat(listener.delays.get(0)).isBetween(10L, 20L);
        assertThat(listener.delays.get(1)).isBetween(20L, 40L);
    }

    @Test
    void wrongContentTypeFails() throws Exception {
        server.enqueue((r, s, out) -> {
            out.write(head(200, "text/html; charset=utf-8", 6));
            out.write("<html>".getBytes(UTF_8));
        });
        open(config("/").policy(ReconnectPolicy.RESILIENT));
        listener.next();
        assertThat(listener.next()).isEqualTo("error the response is text/html; charset=utf-8, not text/event-stream");
        assertThat(listener.next()).startsWith("state CLOSED the response is text/html");
    }

    @Test
    void contentTypeEssenceIgnoresParametersAndCase() throws Exception {
        server.enqueue((r, s, out) -> {
            out.write(head(200, "Text/Event-Stream; charset=iso-8859-1", -1));
            out.write("data: caf\u00e9\n\n".getBytes(UTF_8));
            RawServer.holdOpen(s);
        });
        open(config("/"));
        assertThat(listener.nextStartingWith("event")).isEqualTo("event message  café");
    }

    @Test
    void followsRedirectsAndReportsTheFinalUrl() throws Exception {
        server.enqueue((r, s, out) -> out.write(("HTTP/1.1 307 Temporary Redirect\r\nLocation: /moved\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(UTF_8)));
        server.enqueue(streamAndHold("data: here\n\n"));
        open(config("/old"));
        assertThat(listener.nextStartingWith("state OPEN")).endsWith("from " + server.url("/moved"));
        assertThat(listener.next()).isEqualTo("event message  here");
        assertThat(server.takeRequest().path()).isEqualTo("/old");
        assertThat(server.takeRequest().path()).isEqualTo("/moved");
    }

    @Test
    void redirectWithoutLocationIsAnError() throws Exception {
        server.enqueue((r, s, out) -> out.write(head(302, null, 0)));
        open(config("/").policy(ReconnectPolicy.RESILIENT));
        listener.next();
        assertThat(listener.next()).isEqualTo("error HTTP 302 redirect without a Location header");
        assertThat(listener.next()).startsWith("state CLOSED HTTP 302 redirect without a Location header");
    }

    @Test
    void finalCrOnALiveSocketDispatchesAtOnce() throws Exception {
        server.enqueue(streamAndHold("data: no-wait\r\r"));
        open(config("/"));
        listener.nextStartingWith("state OPEN");
        assertThat(listener.next()).isEqualTo("event message  no-wait");
    }

    @Test
    void commentsAndRetryAreReported() throws Exception {
        server.enqueue(streamAndHold(": heartbeat\nretry: 1234\n\n"));
        open(config("/"));
        listener.nextStartingWith("state OPEN");
        assertThat(listener.next()).isEqualTo("comment heartbeat");
        assertThat(listener.next()).isEqualTo("retry 1234");
        assertThat(source.reconnectionTimeMillis()).isEqualTo(1234);
    }

    @Test
    void readTimeoutCountsAsANetworkErrorAndReconnects() throws Exception {
        server.enqueue(streamAndHold("id: 9\ndata: then silence\n\n"));
        server.enqueue(streamAndHold("data: again\n\n"));
        open(config("/").readTimeout(Duration.ofMillis(300)));
        listener.nextStartingWith("event");
        assertThat(listener.next()).isEqualTo("error no data for 0.3 s (read timeout)");
        assertThat(listener.next()).startsWith("state CONNECTING no data for 0.3 s (read timeout); reconnecting in 20 ms");
        assertThat(listener.nextStartingWith("event")).isEqualTo("event message 9 again");
        server.takeRequest();
        assertThat(server.takeRequest().header("Last-Event-ID")).isEqualTo("9");
    }

    @Test
    void deadServerReconnectsWithAClearMessageAndGivesUpWhenCapped() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        source = EventSource.connect(EventSourceConfig.builder("http://127.0.0.1:" + deadPort + "/sse")
                .reconnectionTime(Duration.ofMillis(10)).maxReconnectAttempts(2).build(), listener);
        listener.next();
        assertThat(listener.next()).isEqualTo("error could not connect to 127.0.0.1:" + deadPort + ": Connection refused");
        assertThat(listener.next()).startsWith("state CONNECTING could not connect");
        listener.nextStartingWith("state CONNECTING");
        listener.nextStartingWith("error");
        assertThat(listener.next()).startsWith("state CLOSED gave up after 2 reconnect attempts: could not connect");
        listener.assertExhausted();
    }

    @Test
    void postWithBodyAndHeadersWithSecretsMaskedInReports() throws Exception {
        server.enqueue(streamAndHold("data: token\n\n"));
        open(config("/v1/chat").method("POST").body("{\"stream\":true}", "application/json")
                .header("Authorization: Bearer sk-very-secret").header("X-Api-Key", "k123").header("X-Trace", "t1"));
        listener.nextStartingWith("event");
        RawServer.Request request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo("{\"stream\":true}");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-very-secret");
        RequestInfo info = listener.requests.get(0);
        assertThat(info.headers()).contains(new Header("Authorization", "Bearer ••••••"),
                new Header("X-Api-Key", "••••••"), new Header("X-Trace", "t1"));
        assertThat(info.toString()).doesNotContain("sk-very-secret").doesNotContain("k123");
        assertThat(listener.responses.get(0).sentHeaders().toString()).doesNotContain("sk-very-secret")
                .contains("User-Agent");
    }

    @Test
    void oversizedEventFailsWithAClearMessage() throws Exception {
        server.enqueue(streamAndHold("data: " + "x".repeat(5000) + "\n\n"));
        open(config("/").maxEventBytes(1024));
        listener.nextStartingWith("state OPEN");
        assertThat(listener.next()).isEqualTo("error a data: line exceeded the 1 KiB size limit; the stream was abandoned");
        assertThat(listener.next()).startsWith("state CLOSED a data: line exceeded the 1 KiB size limit");
    }

    @Test
    void closeIsImmediateAndNothingIsDeliveredAfterIt() throws Exception {
        server.enqueue((r, s, out) -> {
            out.write(RawServer.streamHead());
            for (int i = 0; i < 2000 && !s.isClosed(); i++) {
                out.write(("data: " + i + "\n\n").getBytes(UTF_8));
                out.flush();
                Thread.sleep(1);
            }
        });
        open(config("/"));
        listener.nextStartingWith("event");
        source.close();
        assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
        assertThat(listener.nextStartingWith("state CLOSED")).isEqualTo("state CLOSED closed by the client");
        assertThat(source.awaitTermination(5000)).isTrue();
        listener.assertExhausted();
    }

    @Test
    void restartDropsTheConnectionAndReconnectsAtOnce() throws Exception {
        server.enqueue(streamAndHold("id: 5\ndata: one\n\n"));
        server.enqueue(streamAndHold("data: two\n\n"));
        source = EventSource.connect(config("/").reconnectionTime(Duration.ofSeconds(60)).build(), listener);
        listener.nextStartingWith("event");
        source.restart();
        assertThat(listener.next()).isEqualTo("state CONNECTING restart requested; reconnecting in 0 ms");
        assertThat(listener.nextStartingWith("event")).isEqualTo("event message 5 two");
    }
}
