package dev.ssemonitor.sse;

/** What {@link EventStreamParser} reports, synchronously, from inside {@code feed}. */
public interface EventStreamHandler {
    /** A blank line ended an event with a non-empty data buffer. */
    void onEvent(ServerSentEvent event);

    /** A line starting with a colon; the text after the colon, one leading space removed. */
    default void onComment(String comment) {}

    /** A {@code retry:} field made only of ASCII digits: the new reconnection time. */
    default void onRetry(long reconnectionTimeMillis) {}

    /** The last event ID string changed at a blank line, whether or not an event was dispatched. */
    default void onLastEventIdChange(String lastEventId) {}

    /**
     * The last event ID string changed at the blank line that dispatched {@code event}: the two calls above, in that
     * order. One call, so a handler can pass both on in one step (a flood's events each carry a new ID).
     */
    default void onLastEventIdChangeThenEvent(String lastEventId, ServerSentEvent event) {
        onLastEventIdChange(lastEventId);
        onEvent(event);
    }
}
