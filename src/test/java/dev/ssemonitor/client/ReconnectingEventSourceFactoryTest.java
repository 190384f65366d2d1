package dev.ssemonitor.client;

import static dev.ssemonitor.testing.RawServer.head;
import static dev.ssemonitor.testing.RawServer.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.testing.RawServer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReconnectingEventSourceFactoryTest {
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

    private final EventSourceListener plain = new EventSourceListener() {
        @Override
        public void onOpen(EventSource es, Response response) {
            calls.add("open " + response.code() + " " + response.header("Content-Type"));
        }

        @Override
        public void onEvent(EventSource es, String id, String type, String data) {
            calls.add("event " + id + " " + type + " " + data);
        }

        @Override
        public void onClosed(EventSource es) {
            calls.add("closed");
        }

        @Override
        public void onFailure(EventSource es, Throwable t, Response response) {
            calls.add("failure " + t.getMessage() + " " + (response == null ? "-" : response.code()));
        }
    };

    private String next() throws InterruptedException {
        String s = calls.poll(10, TimeUnit.SECONDS);
        assertThat(s).as("a call within 10 s").isNotNull();
        return s;
    }

    @Test
    void plainListenerSeesReconnectsWithLastEventIdAndCloseOn204() throws Exception {
        try (RawServer server = new RawServer()) {
            server.enqueue(stream("id: 1\ndata: a\n\nevent: e\ndata: b\n\n"));
            server.enqueue(stream("data: c\n\n"));
            server.enqueue((r, s, out) -> out.write(head(204, null, 0)));
            EventSource.Factory factory = new ReconnectingEventSourceFactory(new OkHttpClient(),
                    b -> b.reconnectionTime(Duration.ofMillis(10)));
            EventSource es = factory.newEventSource(new Request.Builder().url(server.url("/s")).build(), plain);
            assertThat(es.request().url().toString()).isEqualTo(server.url("/s"));
            assertThat(next()).isEqualTo("open 200 text/event-stream");
            assertThat(next()).isEqualTo("event 1 null a");
            assertThat(next()).isEqualTo("event 1 e b");
            assertThat(next()).isEqualTo("open 200 text/event-stream");
            assertThat(next()).isEqualTo("event 1 null c");
            assertThat(next()).isEqualTo("closed");
            server.takeRequest();
            assertThat(server.takeRequest().header("Last-Event-ID")).isEqualTo("1");
            assertThat(calls.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void failureCarriesTheResponseAndCancelIsSilent() throws Exception {
        try (RawServer server = new RawServer()) {
            server.enqueue((r, s, out) -> out.write(head(404, "text/plain", 0)));
            EventSource.Factory factory = new ReconnectingEventSourceFactory(new OkHttpClient());
            factory.newEventSource(new Request.Builder().url(server.url("/missing")).build(), plain);
            assertThat(next()).isEqualTo("failure HTTP 404 Not Found 404");

            server.enqueue(RawServer.streamAndHold("data: x\n\n"));
            EventSource es = factory.newEventSource(new Request.Builder().url(server.url("/live")).build(), plain);
            assertThat(next()).startsWith("open 200");
            assertThat(next()).isEqualTo("event null null x");
            es.cancel();
            assertThat(calls.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
