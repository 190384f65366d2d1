package dev.ssemonitor.ui;

import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.sse.RawBytes;
import dev.ssemonitor.sse.ServerSentEvent;
import java.util.List;

/**
 * One line of the live message list: an event, a comment, a retry change, a readyState change or an error. Values stay
 * typed (a {@link ReadyState}, a number of milliseconds); only cells turn them into words ({@link Formats#rowText}).
 * Made on the engine thread; its sequence number and gap are set once, on the FX thread, before the row is shown.
 */
public final class MessageRow implements EngineSignal {
    public enum Kind { EVENT, COMMENT, RETRY, STATE, ERROR }

    private final Kind kind;
    private final long time;
    private final String type;
    private final String id;
    /** Null for an event whose data its raw bytes hold: {@link #text()} decodes it from them (half the heap). */
    private final String text;
    private final ReadyState state;
    private final long retryMillis;
    private final RawBytes raw;
    private final int weight;
    private long seq;
    private long gapMillis = -1;
    /** The filter's last answer: its generation, shifted left once, and 1 when the row passed. FX thread. */
    private int filterAnswer;

    private MessageRow(Kind kind, long time, String type, String id, String text, ReadyState state, long retryMillis,
                       RawBytes raw) {
        this.kind = kind;
        this.time = time;
        this.type = type;
        this.id = id;
        this.text = text;
        this.state = state;
        this.retryMillis = retryMillis;
        this.raw = raw;
        this.weight = weigh(text, raw);
    }

    /** About what a row holds on the heap, in bytes: objects, its text (two bytes a char, to be safe), its raw bytes. */
    private static int weigh(String text, RawBytes raw) {
        long w = 96 + (text == null ? 0 : 2L * text.length()) + (raw.isEmpty() ? 0 : 32 + raw.length());
        return (int) Math.min(w, Integer.MAX_VALUE);
    }

    static MessageRow event(long time, ServerSentEvent e) {
        // With the bytes kept, the data string is not: it is decoded again from them when shown or searched.
        String data = e.raw().isEmpty() ? e.data() : null;
        return new MessageRow(Kind.EVENT, time, e.type(), e.lastEventId(), data, null, -1, e.raw());
    }

    static MessageRow comment(long time, String comment) {
        return new MessageRow(Kind.COMMENT, time, "", "", comment, null, -1, RawBytes.ofLines(List.of(":" + comment)));
    }

    static MessageRow retry(long time, long millis) {
        return new MessageRow(Kind.RETRY, time, "", "", "", null, millis, RawBytes.ofLines(List.of("retry: " + millis)));
    }

    static MessageRow state(long time, ReadyState state, String reason) {
        return new MessageRow(Kind.STATE, time, "", "", reason, state, -1, RawBytes.EMPTY);
    }

    /** The start of a refused response's body, as an error row of its own (type {@value #BODY}). */
    static MessageRow responseBody(long time, String text) {
        return new MessageRow(Kind.ERROR, time, BODY, "", text, null, -1, RawBytes.EMPTY);
    }

    /** The type of a {@link #responseBody} row: the export writes it as the attempt's response-body record instead. */
    static final String BODY = "response-body";

    static MessageRow error(long time, String message) {
        return new MessageRow(Kind.ERROR, time, "", "", message, null, -1, RawBytes.EMPTY);
    }

    void number(long seq, long gapMillis) {
        this.seq = seq;
        this.gapMillis = gapMillis;
    }

    public Kind kind() {
        return kind;
    }

    /** Epoch milliseconds when it was received. */
    public long time() {
        return time;
    }

    /** The event type, for events; empty for other rows. */
    public String type() {
        return type;
    }

    /** The last event ID at dispatch, for events; empty otherwise. */
    public String id() {
        return id;
    }

    /**
     * Whether {@link #text()} contains {@code ascii} (ASCII bytes, no CR or LF): 1 yes, 0 no, -1 when only decoding can
     * tell. An event row answers from its bytes (see {@link RawBytes#dataContains}).
     */
    int textContains(byte[] ascii) {
        return text != null ? -1 : raw.dataContains(ascii);
    }

    /**
     * Whether the row passes the filter numbered {@code generation} (from 1), asking {@code test} only the first time:
     * a row is tested when it arrives and again when the list takes it. FX thread.
     */
    boolean passes(int generation, java.util.function.Predicate<MessageRow> test) {
        if (filterAnswer >>> 1 == generation) return (filterAnswer & 1) == 1;
        boolean pass = test.test(this);
        filterAnswer = generation << 1 | (pass ? 1 : 0);
        return pass;
    }

    /** The event data, comment text, state reason or error message; empty for a retry row. */
    public String text() {
        return text != null ? text : raw.data();
    }

    /** The readyState entered, for state rows; null otherwise. */
    public ReadyState state() {
        return state;
    }

    /** The reconnection time the server set, for retry rows; -1 otherwise. */
    public long retryMillis() {
        return retryMillis;
    }

    /** The lines as received, decoded. */
    public List<String> rawLines() {
        return raw.lines();
    }

    /** The bytes as received: lines ended with LF; empty for state and error rows. */
    public RawBytes raw() {
        return raw;
    }

    /** About how many heap bytes this row holds; what the byte bounds on kept and queued rows count. */
    public int weight() {
        return weight;
    }

    public long seq() {
        return seq;
    }

    /**
     * For events, milliseconds since the previous event; for comments (heartbeats, usually), since the previous
     * comment; -1 for the first of each and for other rows.
     */
    public long gapMillis() {
        return gapMillis;
    }

    /**
     * Size in bytes as received: an event's lines with their field names, invalid bytes and line ends as sent, and the
     * blank line that ended it (one byte); for a comment, its line; for other rows, the text in UTF-8 bytes.
     */
    public int size() {
        if (!raw.isEmpty()) return raw.length();
        String d = text();
        int n = d.length();
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c >= 0x80) n += c < 0x800 ? 1 : Character.isHighSurrogate(c) ? 0 : 2;
        }
        return n;
    }
}
