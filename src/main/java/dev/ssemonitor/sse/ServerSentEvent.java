package dev.ssemonitor.sse;

import java.util.List;

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
    }

    public ServerSentEvent(String type, String data, String lastEventId, List<String> rawLines) {
        this(type, data, lastEventId, RawBytes.ofEventLines(rawLines));
    }

    public ServerSentEvent(String type, String data, String lastEventId) {
        this(type, data, lastEventId, RawBytes.EMPTY);
    }

    /** The lines that built it, decoded; empty unless the parser captured them. */
    public List<String> rawLines() {
        return raw.lines();
    }
}
