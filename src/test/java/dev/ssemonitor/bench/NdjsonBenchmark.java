package dev.ssemonitor.bench;

import dev.ssemonitor.export.NdjsonWriter;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code watch} adds to each event: one event record written as NDJSON into the stream {@code watch} writes to (a
 * 64 KiB {@code BufferedOutputStream}), here over one that drops the bytes. The score is events per second; its inverse is the nanoseconds per event on top of the parse.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NdjsonBenchmark {
    /**
     * flood: the stub's 100-byte flood event (JSON, so six quotes to escape); text: 100 bytes of plain ASCII; cjk: an
     * LLM token stream's chunk of 40 CJK characters and an emoji (non-ASCII, so the slow path).
     */
    @Param({"flood", "text", "cjk"})
    public String shape;

    ServerSentEvent event;
    NdjsonWriter writer;
    long t = 1_764_000_000_000L;

    @Setup
    public void setUp() {
        String data = switch (shape) {
            case "flood" -> "{\"n\":123456,\"p\":\"" + "x".repeat(100 - 19) + "\"}";
            case "text" -> "The quick brown fox jumps over the lazy dog. ".repeat(3).substring(0, 100);
            case "cjk" -> "服务器发送事件".repeat(6) + "\uD83D\uDE00";
            default -> throw new IllegalArgumentException(shape);
        };
        event = new ServerSentEvent("message", data, "123456");
        writer = new NdjsonWriter(new BufferedOutputStream(OutputStream.nullOutputStream(), 1 << 16), () -> t, 50);
    }

    @Benchmark
    public void event() {
        writer.event(event, t);
    }
}
