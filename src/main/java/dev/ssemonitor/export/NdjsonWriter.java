package dev.ssemonitor.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.Header;
import dev.ssemonitor.client.ErrorBody;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.RedirectInfo;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;
import dev.ssemonitor.llm.Answer;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Writes what an EventSource reports as one JSON object per line, flushed as it happens: the format {@code watch}
 * prints, the GUI exports and the stub replays. Every record has {@code kind} and {@code t} (epoch milliseconds).
 *
 * <p>With a flush delay, a record reaches the stream within that many milliseconds rather than at once: a flood then
 * costs one write per batch instead of one system call per event, and a person or a pipe sees no difference.
 */
public final class NdjsonWriter implements EventSourceListener, AutoCloseable {
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ndjson-flush");
        t.setDaemon(true);
        return t;
    });

    private final JsonGenerator json;
    private final OutputStream out;
    private final JsonLine line = new JsonLine();
    // The event record's fixed parts, in the order Jackson writes the fields.
    private static final byte[] EVENT_TYPE = ascii("{\"kind\":\"event\",\"type\":");
    private static final byte[] EVENT_DATA = ascii(",\"data\":");
    private static final byte[] EVENT_ID = ascii(",\"lastEventId\":");
    private static final byte[] EVENT_T = ascii(",\"t\":");
    private static final byte[] EVENT_END = ascii("}\n");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    private final LongSupplier clock;
    private final long flushDelayMillis;
    private boolean flushScheduled; // guarded by this
    private volatile boolean broken;

    public NdjsonWriter(OutputStream out) {
        this(out, System::currentTimeMillis, 0);
    }

    public NdjsonWriter(OutputStream out, long flushDelayMillis) {
        this(out, System::currentTimeMillis, flushDelayMillis);
    }

    public NdjsonWriter(OutputStream out, LongSupplier clock, long flushDelayMillis) {
        try {
            // An emoji is written as its four UTF-8 bytes, as it came, not as two escaped surrogates.
            this.json = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build()
                    .createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.json.setRootValueSeparator(new SerializedString(""));
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Flushing is ours (see written()): the event records bypass the generator and go to the stream directly.
        this.json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        this.out = out;
        this.clock = clock;
        this.flushDelayMillis = flushDelayMillis;
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** Whether the output went away (a closed pipe): nothing more will be written. */
    public boolean broken() {
        return broken;
    }

    private synchronized void record(String kind, long t, Fields fields) {
        if (broken) return;
        try {
            drainEvents(); // the event records before this one go out before it
            json.writeStartObject();
            json.writeStringField("kind", kind);
            fields.write(json);
            json.writeNumberField("t", t);
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush(); // into the stream's buffer, not to the file: see written()
            written();
        } catch (IOException e) {
            broken = true;
        }
    }

    /** A record is in the stream: flush it now, or within the flush delay. Holding the lock. */
    private void written() throws IOException {
        if (flushDelayMillis <= 0) {
            drainEvents();
            out.flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            FLUSHER.schedule(this::flush, flushDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void flush() {
        flushScheduled = false;
        if (broken) return;
        try {
            drainEvents();
            json.flush();
            out.flush();
        } catch (IOException e) {
            broken = true;
        }
    }

    /**
     * Event records gather in {@link #line} up to this many bytes before they go to the stream (or sooner: at the
     * flush, and before any other record): a flood then costs the stream one write per batch, not one per event.
     */
    private static final int EVENT_BATCH_BYTES = 32 * 1024;

    /** The gathered event records, to the stream. Holding the lock. */
    private void drainEvents() throws IOException {
        if (line.length() == 0) return;
        line.writeTo(out);
        line.reset();
    }

    @Override
    public void onReadyStateChange(ReadyState state, String reason) {
        state(state, reason, clock.getAsLong());
    }

    public void state(ReadyState state, String reason, long t) {
        record("state", t, g -> {
            g.writeNumberField("readyState", state.code());
            g.writeStringField("state", state.name());
            g.writeStringField("reason", reason);
        });
    }

    @Override
    public void onRequest(RequestInfo r) {
        request(r, clock.getAsLong());
    }

    public void request(RequestInfo r, long t) {
        record("request", t, g -> {
            g.writeNumberField("attempt", r.attempt());
            g.writeStringField("method", r.method());
            g.writeStringField("url", r.url());
            headers(g, "headers", r.headers());
            g.writeStringField("lastEventId", r.lastEventId());
        });
    }

    @Override
    public void onRedirect(RedirectInfo r) {
        redirect(r, clock.getAsLong());
    }

    public void redirect(RedirectInfo r, long t) {
        record("redirect", t, g -> {
            g.writeNumberField("attempt", r.attempt());
            g.writeNumberField("status", r.status());
            g.writeStringField("from", r.from());
            g.writeStringField("to", r.to());
            g.writeBooleanField("permanent", r.permanent());
            g.writeArrayFieldStart("droppedHeaders");
            for (String name : r.droppedHeaders()) g.writeString(name);
            g.writeEndArray();
        });
    }

    @Override
    public void onErrorBody(ErrorBody b) {
        responseBody(b, clock.getAsLong());
    }

    public void responseBody(ErrorBody b, long t) {
        record("response-body", t, g -> {
            g.writeNumberField("attempt", b.attempt());
            g.writeNumberField("status", b.status());
            if (b.contentType() != null) g.writeStringField("contentType", b.contentType());
            g.writeStringField("text", b.text());
            g.writeBooleanField("truncated", b.truncated());
        });
    }

    @Override
    public void onResponse(ResponseInfo r) {
        response(r, clock.getAsLong());
    }

    public void response(ResponseInfo r, long t) {
        record("response", t, g -> {
            g.writeNumberField("attempt", r.attempt());
            g.writeNumberField("status", r.status());
            g.writeStringField("message", r.message());
            g.writeStringField("protocol", r.protocol());
            g.writeStringField("url", r.url());
            headers(g, "headers", r.headers());
            headers(g, "sentHeaders", r.sentHeaders());
            g.writeNumberField("timeToHeadersMs", r.timeToHeadersMillis());
            if (r.phases() != null) {
                g.writeObjectFieldStart("timing");
                count(g, "dnsMs", r.phases().dnsMs());
                count(g, "connectMs", r.phases().connectMs());
                count(g, "tlsMs", r.phases().tlsMs());
                count(g, "sendMs", r.phases().sendMs());
                count(g, "waitMs", r.phases().waitMs());
                g.writeBooleanField("reusedConnection", r.phases().reusedConnection());
                g.writeEndObject();
            }
            if (r.tls() != null) {
                g.writeObjectFieldStart("tls");
                g.writeStringField("version", r.tls().version());
                g.writeStringField("cipherSuite", r.tls().cipherSuite());
                g.writeBooleanField("verified", r.tls().verified());
                g.writeArrayFieldStart("certificates");
                for (var c : r.tls().chain()) {
                    g.writeStartObject();
                    g.writeStringField("subject", c.subject());
                    g.writeStringField("issuer", c.issuer());
                    g.writeNumberField("notBefore", c.notBeforeMillis());
                    g.writeNumberField("notAfter", c.notAfterMillis());
                    g.writeArrayFieldStart("names");
                    for (String n : c.names()) g.writeString(n);
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    @Override
    public void onEvent(ServerSentEvent e) {
        event(e, clock.getAsLong());
    }

    /** The hot record: built by hand ({@link JsonLine}), byte for byte what the generator would write. */
    public synchronized void event(ServerSentEvent e, long t) {
        if (broken) return;
        try {
            line.raw(EVENT_TYPE).repeatedString(e.type()).raw(EVENT_DATA).string(e.data())
                    .raw(EVENT_ID).string(e.lastEventId()).raw(EVENT_T).number(t).raw(EVENT_END);
            if (line.length() >= EVENT_BATCH_BYTES) drainEvents();
            written();
        } catch (IOException x) {
            broken = true;
        }
    }

    @Override
    public void onComment(String comment) {
        comment(comment, clock.getAsLong());
    }

    public void comment(String comment, long t) {
        record("comment", t, g -> g.writeStringField("text", comment));
    }

    @Override
    public void onRetry(long ms) {
        retry(ms, clock.getAsLong());
    }

    public void retry(long ms, long t) {
        record("retry", t, g -> g.writeNumberField("ms", ms));
    }

    @Override
    public void onError(String message, Throwable cause) {
        error(message, clock.getAsLong());
    }

    public void error(String message, long t) {
        record("error", t, g -> g.writeStringField("message", message));
    }

    @Override
    public void onAttemptEnd(AttemptSummary s) {
        attemptEnd(s, clock.getAsLong());
    }

    public void attemptEnd(AttemptSummary s, long t) {
        record("attempt-end", t, g -> {
            g.writeNumberField("attempt", s.attempt());
            g.writeNumberField("status", s.status());
            g.writeNumberField("bytes", s.bytes());
            g.writeNumberField("events", s.events());
            g.writeNumberField("openMs", s.openMillis());
            g.writeNumberField("timeToFirstByteMs", s.timeToFirstByteMillis());
            g.writeStringField("reason", s.endReason());
        });
    }

    @Override
    public void onReconnectScheduled(long delayMillis, String why) {
        reconnect(delayMillis, why, clock.getAsLong());
    }

    public void reconnect(long delayMillis, String why, long t) {
        record("reconnect", t, g -> {
            g.writeNumberField("delayMs", delayMillis);
            g.writeStringField("why", why);
        });
    }

    /**
     * An LLM stream's answer, assembled ({@code watch --assemble}): written when the attempt ends. Fields the stream
     * did not give (usage, a finish reason, reasoning …) are absent rather than empty or -1.
     */
    public void assembled(int attempt, Answer a) {
        assembled(attempt, a, clock.getAsLong());
    }

    public void assembled(int attempt, Answer a, long at) {
        record("assembled", at, g -> {
            g.writeNumberField("attempt", attempt);
            g.writeStringField("format", a.format().id());
            g.writeStringField("state", a.state().word());
            optional(g, "model", a.model());
            g.writeStringField("text", a.text());
            optional(g, "reasoning", a.reasoning());
            if (!a.toolCalls().isEmpty()) {
                g.writeArrayFieldStart("toolCalls");
                for (Answer.ToolCall t : a.toolCalls()) {
                    g.writeStartObject();
                    optional(g, "id", t.id());
                    optional(g, "name", t.name());
                    g.writeStringField("arguments", t.arguments());
                    if (t.validJson() != null) g.writeBooleanField("argumentsValidJson", t.validJson());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (a.choices().size() > 1) {
                g.writeArrayFieldStart("choices");
                for (Answer.Choice c : a.choices()) {
                    g.writeStartObject();
                    g.writeNumberField("index", c.index());
                    g.writeStringField("text", c.text());
                    optional(g, "finishReason", c.finishReason());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            optional(g, "finishReason", a.finishReason());
            Answer.Usage u = a.usage();
            if (u.known()) {
                g.writeObjectFieldStart("usage");
                count(g, "inputTokens", u.inputTokens());
                count(g, "outputTokens", u.outputTokens());
                count(g, "reasoningTokens", u.reasoningTokens());
                count(g, "totalTokens", u.totalTokens());
                g.writeEndObject();
            }
            optional(g, "error", a.error());
            optional(g, "endMarker", a.endMarker());
            Answer.Timing t = a.timing();
            count(g, "ttfbMs", t.ttfbMs());
            count(g, "ttftMs", t.ttftMs());
            count(g, "totalMs", t.totalMs());
            g.writeNumberField("chunks", t.chunks());
            if (t.tokensPerSecond() >= 0) g.writeNumberField("tokensPerSecond", Math.round(t.tokensPerSecond() * 10) / 10.0);
            if (t.gapP50Ms() >= 0) {
                g.writeObjectFieldStart("gapsMs");
                g.writeNumberField("p50", t.gapP50Ms());
                g.writeNumberField("p95", t.gapP95Ms());
                g.writeNumberField("max", t.gapMaxMs());
                g.writeEndObject();
            }
            if (a.skipped() > 0) g.writeNumberField("skippedEvents", a.skipped());
            if (a.truncated()) g.writeBooleanField("truncated", true);
        });
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) g.writeStringField(field, value);
    }

    private static void count(JsonGenerator g, String field, long value) throws IOException {
        if (value >= 0) g.writeNumberField(field, value);
    }

    private static void headers(JsonGenerator g, String field, List<Header> headers) throws IOException {
        g.writeArrayFieldStart(field);
        for (Header h : headers) g.writeString(h.name() + ": " + h.value());
        g.writeEndArray();
    }

    @Override
    public synchronized void close() throws IOException {
        if (broken) return;
        try {
            drainEvents();
            json.close();
            out.flush();
        } catch (IOException e) {
            broken = true;
        }
    }
}
