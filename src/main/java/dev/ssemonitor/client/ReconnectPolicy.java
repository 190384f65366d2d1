package dev.ssemonitor.client;

/** What happens after a connection ends without the user closing it. */
public enum ReconnectPolicy {
    /**
     * Exactly what a browser's EventSource does: after end of stream or a network error, wait the reconnection time
     * (3000 ms unless the server sent {@code retry:}) and reconnect with Last-Event-ID; any HTTP status other than 200
     * and any Content-Type other than text/event-stream fail the connection for good.
     */
    BROWSER,
    /**
     * Also retries HTTP errors (except 204, the server's "stop") with exponential backoff and jitter, starting at the
     * reconnection time, capped at 30 s, reset once a connection has lived 60 s.
     */
    RESILIENT
}
