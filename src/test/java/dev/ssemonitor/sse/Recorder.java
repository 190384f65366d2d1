package dev.ssemonitor.sse;

import java.util.ArrayList;
import java.util.List;

/** Records what a parser reports as readable lines, so tests compare whole transcripts. */
final class Recorder implements EventStreamHandler {
    final List<String> log = new ArrayList<>();
    final List<ServerSentEvent> events = new ArrayList<>();

    @Override
    public void onEvent(ServerSentEvent event) {
        events.add(event);
        log.add("event type=" + event.type() + " id=" + event.lastEventId() + " data=" + event.data());
    }

    @Override
    public void onComment(String comment) {
        log.add("comment " + comment);
    }

    @Override
    public void onRetry(long millis) {
        log.add("retry " + millis);
    }

    @Override
    public void onLastEventIdChange(String id) {
        log.add("lastEventId " + id);
    }
}
