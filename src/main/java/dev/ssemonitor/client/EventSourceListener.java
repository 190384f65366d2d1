package dev.ssemonitor.client;

import dev.ssemonitor.sse.ServerSentEvent;

/**
 * What an {@link EventSource} reports, on its engine thread, in order. Every method has a no-op default.
 *
 * <p>Terminal rule: {@link #onReadyStateChange} with {@link ReadyState#CLOSED} is the last call; no further calls to
 * this listener will be made. When {@link EventSource#close()} is called, that CLOSED report is made before
 * {@code close()} returns (on the closing thread) and nothing is delivered afterwards.
 *
 * <p>Callbacks must not block: they hold up reading the stream. A listener that throws is logged and ignored.
 */
public interface EventSourceListener {
    /** readyState changed; {@code reason} says why (what the server said, which error, which timer). */
    default void onReadyStateChange(ReadyState state, String reason) {}

    /** A connection attempt is about to send its request. */
    default void onRequest(RequestInfo request) {}

    /** The server redirected this attempt and the redirect is being followed. */
    default void onRedirect(RedirectInfo redirect) {}

    /** The response head arrived (any status but a followed redirect). */
    default void onResponse(ResponseInfo response) {}

    /** A response that is not an event stream had a body: its first 64 KiB, reported after the error. */
    default void onErrorBody(ErrorBody body) {}

    default void onEvent(ServerSentEvent event) {}

    default void onComment(String comment) {}

    /** The server changed the reconnection time with {@code retry:}. */
    default void onRetry(long reconnectionTimeMillis) {}

    /** The last event ID string changed (at a blank line, with or without an event). */
    default void onLastEventIdChange(String lastEventId) {}

    /** Something went wrong; the connection may reconnect or fail, as the readyState report that follows says. */
    default void onError(String message, Throwable cause) {}

    /** One attempt ended; its numbers. */
    default void onAttemptEnd(AttemptSummary summary) {}

    /** A reconnect will be tried after {@code delayMillis}; {@code why} names the wait (reconnection time, backoff). */
    default void onReconnectScheduled(long delayMillis, String why) {}
}
