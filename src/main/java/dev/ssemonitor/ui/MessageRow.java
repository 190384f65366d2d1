package dev.ssemonitor.ui;

import java.util.List;

/**
 * One line of the live message list: an event, a comment, a retry change, a readyState change or an error.
 * Made on the engine thread; its sequence number and gap are set once, on the FX thread, before the row is shown.
 */
public final class MessageRow {
    public enum Kind { EVENT, COMMENT, RETRY, STATE, ERROR }

    private final Kind kind;
    private final long time;
    private final String type;
    private final String id;
    private final String data;
    private final List<String> rawLines;
    private long seq;
    private long gapMillis = -1;

    MessageRow(Kind kind, long time, String type, String id, String data, List<String> rawLines) {
        this.kind = kind;
        this.time = time;
        this.type = type;
        this.id = id;
        this.data = data;
        this.rawLines = rawLines;
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

    /** The event type for events; for other rows a word naming the kind. */
    public String type() {
        return type;
    }

    /** The last event ID at dispatch, for events; empty otherwise. */
    public String id() {
        return id;
    }

    /** The event data, comment text, retry value, state reason or error message. */
    public String data() {
        return data;
    }

    public List<String> rawLines() {
        return rawLines;
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

    /** Size of the data in UTF-8 bytes. */
    public int size() {
        String d = data;
        int n = d.length();
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c >= 0x80) n += c < 0x800 ? 1 : Character.isHighSurrogate(c) ? 0 : 2;
        }
        return n;
    }
}
