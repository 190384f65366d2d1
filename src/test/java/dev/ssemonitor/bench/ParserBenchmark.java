package dev.ssemonitor.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ssemonitor.sse.EventStreamHandler;
import dev.ssemonitor.sse.EventStreamParser;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse throughput, ours against okhttp-sse's ServerSentEventReader, on the same bytes in the same run. Each operation
 * parses one whole stream; the score is streams per second (multiply by {@link #streamBytes} for bytes per second).
 *
 * <p>Both sides do what they do on a live connection: ours is fed 16 KiB chunks (the engine's read size) or 1-byte
 * chunks; okhttp-sse reads from an Okio source that hands over the same chunks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParserBenchmark {
    /** small: 10,000 JSON events of ~100 B; large: 64 events of 64 KiB; drip: 2,000 small events in 1-byte chunks. */
    @Param({"small", "large", "drip"})
    public String shape;

    byte[] stream;
    int chunk;
    public long streamBytes;

    @Setup(Level.Trial)
    public void setUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (shape) {
            case "small", "drip" -> {
                int n = shape.equals("small") ? 10_000 : 2_000;
                for (int i = 0; i < n; i++) {
                    out.writeBytes(("id: " + i + "\ndata: {\"message\":\"Current time is 10:41:07\",\"seq\":" + i
                            + ",\"user\":\"ada\"}\n\n").getBytes(UTF_8));
                }
                chunk = shape.equals("small") ? 16 * 1024 : 1;
            }
            case "large" -> {
                String payload = "x".repeat(64 * 1024);
                for (int i = 0; i < 64; i++) out.writeBytes(("event: big\ndata: " + payload + "\n\n").getBytes(UTF_8));
                chunk = 16 * 1024;
            }
            default -> throw new IllegalArgumentException(shape);
        }
        stream = out.toByteArray();
        streamBytes = stream.length;
    }

    @Benchmark
    public void ours(Blackhole bh) throws IOException {
        EventStreamParser parser = new EventStreamParser(new EventStreamHandler() {
            @Override
            public void onEvent(ServerSentEvent event) {
                bh.consume(event);
            }
        });
        for (int i = 0; i < stream.length; i += chunk) parser.feed(stream, i, Math.min(chunk, stream.length - i));
    }

    @Benchmark
    public void okhttpSse(Blackhole bh) throws IOException {
        BufferedSource source = Okio.buffer(new ChunkedSource(stream, chunk));
        ServerSentEventReader reader = new ServerSentEventReader(source, new ServerSentEventReader.Callback() {
            @Override
            public void onEvent(String id, String type, String data) {
                bh.consume(id);
                bh.consume(type);
                bh.consume(data);
            }

            @Override
            public void onRetryChange(long ms) {
                bh.consume(ms);
            }
        });
        while (reader.processNextEvent()) {
            // next
        }
    }

    /** An Okio source that hands over at most {@code chunk} bytes per read, like a socket delivering packets. */
    static final class ChunkedSource implements Source {
        private final byte[] bytes;
        private final int chunk;
        private int position;

        ChunkedSource(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public long read(Buffer sink, long byteCount) {
            if (position >= bytes.length) return -1;
            int n = (int) Math.min(Math.min(chunk, byteCount), bytes.length - position);
            sink.write(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {}
    }
}
