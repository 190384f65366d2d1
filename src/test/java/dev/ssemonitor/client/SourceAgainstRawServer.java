package dev.ssemonitor.client;

import dev.ssemonitor.testing.RawServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** One source against a byte-level test server on 127.0.0.1, with a recorder: the engine tests' common ground. */
abstract class SourceAgainstRawServer {
    RawServer server;
    final RecordingListener listener = new RecordingListener();
    EventSource source;

    @BeforeEach
    void startServer() throws Exception {
        server = new RawServer();
    }

    @AfterEach
    void closeSourceAndServer() throws Exception {
        if (source != null) source.close();
        server.close();
    }

    /** A config for {@code path} on the server, with a 20 ms reconnection time so tests do not sit through 3 s. */
    EventSourceConfig.Builder config(String path) {
        return EventSourceConfig.builder(server.url(path)).reconnectionTime(Duration.ofMillis(20));
    }

    void open(EventSourceConfig.Builder config) {
        source = EventSource.connect(config.build(), listener);
    }
}
