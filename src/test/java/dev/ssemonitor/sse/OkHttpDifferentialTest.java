package dev.ssemonitor.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Random streams through our parser and okhttp-sse's reader, restricted to the input where okhttp-sse is known to be
 * correct (LF endings, no BOM, no NUL in ids, no comments or unknown fields, every event carries data, no final
 * partial event). Where they agree on this, our extra rules elsewhere are tested on their own.
 */
class OkHttpDifferentialTest {
    private static final String[] VALUES = {"", "a", " lead", "x:y", "{\"k\":1}", "ünï", "€😀", "  two", "tab\t"};

    @Test
    void agreesWithOkHttpSseOnRandomWellFormedStreams() throws Exception {
        Random random = new Random(20261124);
        int compared = 0;
        for (int round = 0; round < 2000; round++) {
            String stream = randomStream(random);
            List<String> ours = ours(stream);
            List<String> theirs = okhttp(stream);
            assertThat(ours).as("stream %s", stream.replace("\n", "\\n")).isEqualTo(theirs);
            compared += ours.size();
        }
        assertThat(compared).as("events compared").isGreaterThan(2000);
    }

    private static String randomStream(Random random) {
        StringBuilder s = new StringBuilder();
        int events = 1 + random.nextInt(6);
        for (int e = 0; e < events; e++) {
            if (random.nextInt(3) == 0) s.append("event: ").append("t").append(random.nextInt(3)).append('\n');
            if (random.nextInt(3) == 0) s.append("id: ").append(random.nextInt(100)).append('\n');
            if (random.nextInt(5) == 0) s.append("retry: ").append(random.nextInt(10000)).append('\n');
            int dataLines = 1 + random.nextInt(3);
            for (int d = 0; d < dataLines; d++) {
                s.append(random.nextBoolean() ? "data: " : "data:").append(VALUES[random.nextInt(VALUES.length)]).append('\n');
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static List<String> ours(String stream) throws Exception {
        List<String> out = new ArrayList<>();
        EventStreamParser p = new EventStreamParser(new EventStreamHandler() {
            @Override
            public void onEvent(ServerSentEvent e) {
                out.add(e.type() + "|" + e.lastEventId() + "|" + e.data());
            }

            @Override
            public void onRetry(long ms) {
                out.add("retry " + ms);
            }
        });
        p.feed(stream.getBytes(UTF_8));
        return out;
    }

    private static List<String> okhttp(String stream) throws Exception {
        List<String> out = new ArrayList<>();
        Buffer source = new Buffer().writeUtf8(stream);
        ServerSentEventReader reader = new ServerSentEventReader(source, new ServerSentEventReader.Callback() {
            @Override
            public void onEvent(String id, String type, String data) {
                out.add((type == null ? "message" : type) + "|" + (id == null ? "" : id) + "|" + data);
            }

            @Override
            public void onRetryChange(long ms) {
                out.add("retry " + ms);
            }
        });
        while (reader.processNextEvent()) {
            // drain
        }
        return out;
    }
}
