package dev.ssemonitor.sse;

import java.util.List;
import java.util.Objects;

/**
 * One dispatched message, as an EventSource would hand it to a page.
 *
 * @param type        the event type; {@code "message"} when the stream named none
 * @param data        the data lines joined with LF
 * @param lastEventId the EventSource's last event ID string at dispatch time (may come from an earlier event)
 * @param raw         the bytes of the field and comment lines that built this event, as received, when the parser
 *                    captures them; otherwise empty
 */
public record ServerSentEvent(String type, String data, String lastEventId, RawBytes raw) {
    public static final String DEFAULT_TYPE = "message";

    public ServerSentEvent {
        if (raw == null) raw = RawBytes.EMPTY;
        if (data == null && raw.isEmpty()) throw new IllegalArgumentException("an event's data, or the bytes it is read from");
    }

    public ServerSentEvent(String type, String data, String lastEventId, List<String> rawLines) {
        this(type, data, lastEventId, RawBytes.ofEventLines(rawLines));
    }

    public ServerSentEvent(String type, String data, String lastEventId) {
        this(type, data, lastEventId, RawBytes.EMPTY);
    }

    /**
     * An event whose data is read from its kept bytes when asked for, not at dispatch: the window keeps the bytes of
     * every row and shows the data of the few on screen, while a flood dispatches 50,000 events a second.
     */
    static ServerSentEvent fromBytes(String type, String lastEventId, RawBytes raw) {
        return new ServerSentEvent(type, null, lastEventId, raw);
    }

    /** The data lines joined with LF; from an event read {@link #fromBytes}, decoded again at each call. */
    @Override
    public String data() {
        return data != null ? data : raw.data();
    }

    /** The lines that built it, decoded; empty unless the parser captured them. */
    public List<String> rawLines() {
        return raw.lines();
    }

    // By value, as a record is, with the data as read: it does not matter whether it was decoded at dispatch.
    @Override
    public boolean equals(Object o) {
        return o instanceof ServerSentEvent e && Objects.equals(type, e.type) && Objects.equals(data(), e.data())
                && Objects.equals(lastEventId, e.lastEventId) && raw.equals(e.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, data(), lastEventId, raw);
    }

    @Override
    public String toString() {
        return "ServerSentEvent[type=" + type + ", data=" + data() + ", lastEventId=" + lastEventId + ", raw=" + raw + "]";
    }
}
