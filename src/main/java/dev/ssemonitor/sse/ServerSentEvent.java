package dev.ssemonitor.sse;

import java.util.List;

/**
 * One dispatched message, as an EventSource would hand it to a page.
 *
 * @param type        the event type; {@code "message"} when the stream named none
 * @param data        the data lines joined with LF
 * @param lastEventId the EventSource's last event ID string at dispatch time (may come from an earlier event)
 * @param rawLines    the field and comment lines that built this event, decoded, when the parser captures them;
 *                    otherwise empty
 */
public record ServerSentEvent(String type, String data, String lastEventId, List<String> rawLines) {
    public static final String DEFAULT_TYPE = "message";

    public ServerSentEvent {
        rawLines = List.copyOf(rawLines);
    }

    public ServerSentEvent(String type, String data, String lastEventId) {
        this(type, data, lastEventId, List.of());
    }
}
