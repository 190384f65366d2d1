package dev.ssemonitor.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.EventSource;
import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReconnectPolicy;
import dev.ssemonitor.export.NdjsonWriter;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSources;

/**
 * Engine ingest on loopback, side by side in one JVM and one run: the same stream (data of 100 bytes and an {@code id:}
 * on each event, as the stub's flood sends) read by
 * <ul>
 *   <li>the transport alone: OkHttp reading the body into a 16 KiB buffer, not looking at a byte (the ceiling);</li>
 *   <li>okhttp-sse's EventSource with a counting listener;</li>
 *   <li>our EventSource with a counting listener (what the window's engine does before the UI);</li>
 *   <li>our EventSource writing every event as its NDJSON record to a discarding stream (what {@code watch} does,
 *       without the JVM's start-up).</li>
 * </ul>
 * The server writes a prepared body as fast as the socket takes it, so the server is not what limits. Each reader runs
 * {@code ROUNDS} times in turn; the median and the best are printed, with each reader's share of the transport.
 *
 * <p>Usage: {@code scripts/bench-engine.sh [EVENTS] [ROUNDS]}.
 */
public final class EngineIngestBenchmark {
    private static final int DATA_BYTES = 100;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] body = stream(events);
        try (BodyServer server = new BodyServer(body)) {
            OkHttpClient client = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();
            String url = server.url();
            System.out.printf("stream: %,d events, %d-byte data, %,d bytes; %d rounds%n", events, DATA_BYTES,
                    body.length, rounds);
            Map<String, Reader> readers = new LinkedHashMap<>();
            readers.put("transport (OkHttp body, no parsing)", () -> transport(client, url, body.length, events));
            readers.put("okhttp-sse EventSource", () -> okhttpSse(client, url));
            readers.put("ours: EventSource", () -> ours(client, url, null));
            readers.put("ours: EventSource + NDJSON records", () -> ours(client, url, OutputStream.nullOutputStream()));
            // One warm-up pass of each, not counted: the JIT, and the first connection's set-up.
            for (Reader r : readers.values()) check(r.read(), events);
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (var e : readers.entrySet()) {
                    long t0 = System.nanoTime();
                    long got = e.getValue().read();
                    long t1 = System.nanoTime();
                    check(got, events);
                    rates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(events / ((t1 - t0) / 1e9));
                }
            }
            double transportMedian = median(rates.values().iterator().next());
            double sseMedian = median(rates.get("okhttp-sse EventSource"));
            System.out.printf("%-38s %14s %14s %12s %12s%n", "reader", "median ev/s", "best ev/s", "÷ transport",
                    "÷ okhttp-sse");
            for (var e : rates.entrySet()) {
                double m = median(e.getValue());
                double best = e.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                System.out.printf("%-38s %,14.0f %,14.0f %11.0f%% %11.2f×   rounds (M/s): %s%n", e.getKey(), m, best,
                        100 * m / transportMedian, m / sseMedian, e.getValue().stream()
                                .map(r -> String.format("%.2f", r / 1e6)).collect(java.util.stream.Collectors.joining(" ")));
            }
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @FunctionalInterface
    private interface Reader {
        long read() throws Exception;
    }

    private static void check(long got, int events) {
        if (got != events) throw new IllegalStateException("read " + got + " events, expected " + events);
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static byte[] stream(int events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events * (DATA_BYTES + 24));
        byte[] pad = new byte[DATA_BYTES];
        for (int i = 1; i <= events; i++) {
            // {"n":…,"p":"xxx…"} padded so the data is exactly DATA_BYTES long, as the stub's flood.
            String head = "{\"n\":" + i + ",\"p\":\"";
            int fill = DATA_BYTES - head.length() - 2;
            out.writeBytes(("id: " + i + "\ndata: " + head).getBytes(US_ASCII));
            Arrays.fill(pad, 0, fill, (byte) 'x');
            out.write(pad, 0, fill);
            out.writeBytes("\"}\n\n".getBytes(US_ASCII));
        }
        return out.toByteArray();
    }

    /**
     * Reads the whole body and looks at nothing in it: the ceiling. It answers the stream's known event count once every
     * byte has arrived. (It used to count "\n\n" pairs byte by byte; that loop, each byte waiting on the one before,
     * ran slower than the socket and was what this row measured.)
     */
    private static long transport(OkHttpClient client, String url, long expectBytes, int events) throws IOException {
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute();
             InputStream in = r.body().byteStream()) {
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) != -1) total += n;
            if (total != expectBytes) throw new IllegalStateException("body of " + total + " bytes");
            return events;
        }
    }

    private static long okhttpSse(OkHttpClient client, String url) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        var source = EventSources.createFactory(client).newEventSource(new Request.Builder().url(url).build(),
                new okhttp3.sse.EventSourceListener() {
                    @Override
                    public void onEvent(okhttp3.sse.EventSource s, String id, String type, String data) {
                        count.incrementAndGet();
                    }

                    @Override
                    public void onClosed(okhttp3.sse.EventSource s) {
                        done.countDown();
                    }

                    @Override
                    public void onFailure(okhttp3.sse.EventSource s, Throwable t, Response response) {
                        done.countDown();
                    }
                });
        if (!done.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("okhttp-sse: no end in 120 s");
        source.cancel();
        return count.get();
    }

    private static long ours(OkHttpClient client, String url, OutputStream records) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        NdjsonWriter writer = records == null ? null : new NdjsonWriter(records, 2);
        EventSourceConfig config = EventSourceConfig.builder(url).policy(ReconnectPolicy.ONCE).build();
        EventSource source = EventSource.connect(client, config, new EventSourceListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                count.incrementAndGet();
                if (writer != null) writer.onEvent(event);
            }

            @Override
            public void onAttemptEnd(AttemptSummary summary) {
                done.countDown();
            }
        });
        if (!done.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("ours: no end in 120 s");
        source.close();
        source.awaitTermination(10_000);
        return count.get();
    }

    /** Answers every request with the prepared stream, then closes the connection. */
    private static final class BodyServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final byte[] body;
        private final Thread acceptor = new Thread(this::accept, "bench-body-server");

        BodyServer(byte[] body) throws IOException {
            this.body = body;
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/flood";
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    int state = 0; // read the request head up to its blank line
                    while (state < 4) {
                        int b = in.read();
                        if (b < 0) break;
                        state = (b == '\r' || b == '\n') ? state + 1 : 0;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
                            .getBytes(US_ASCII));
                    for (int off = 0; off < body.length; off += 64 * 1024) {
                        out.write(body, off, Math.min(64 * 1024, body.length - off));
                    }
                    out.flush();
                } catch (IOException e) {
                    if (!socket.isClosed()) System.err.println("bench server: " + e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
