package dev.ssemonitor.client;

import java.time.Duration;

/** What happens after a connection ends without the user closing it. The numbers are {@link ReconnectPlan}'s. */
public enum ReconnectPolicy {
    /**
     * Exactly what a browser's EventSource does: after end of stream or a network error, wait the reconnection time
     * ({@link ReconnectPlan#DEFAULT_RECONNECTION_TIME_MILLIS} unless the server sent {@code retry:}) and reconnect
     * with Last-Event-ID; any HTTP status other than 200 and any Content-Type other than text/event-stream fail the
     * connection for good.
     */
    BROWSER,
    /**
     * Also retries HTTP errors (except 204, the server's "stop") with exponential backoff and jitter, starting at the
     * reconnection time, capped at {@link ReconnectPlan#DEFAULT_BACKOFF_CAP}, reset once a connection has lived
     * {@link ReconnectPlan#DEFAULT_BACKOFF_RESET_AFTER}.
     */
    RESILIENT,
    /**
     * One stream, then CLOSED: no reconnect after it ends or fails (the reason still shows). What a request with a
     * body gets unless another policy is chosen: re-sending an LLM prompt every 3 s would be billed every time.
     */
    ONCE;

    /** What the policy does, in words a user reads in a tooltip or a help text. */
    public String explanation() {
        return switch (this) {
            case BROWSER -> "Browser: exactly what an EventSource does. After the stream ends or the network fails, "
                    + "wait the reconnection time (" + seconds(ReconnectPlan.DEFAULT_RECONNECTION_TIME_MILLIS)
                    + " unless the server sends retry:) and reconnect with Last-Event-ID. Any HTTP status but 200, "
                    + "or a Content-Type other than text/event-stream, closes the connection for good.";
            case RESILIENT -> "Resilient: like Browser, and also retries HTTP errors (except 204, the server's "
                    + "'stop') with exponential backoff and jitter, capped at "
                    + seconds(ReconnectPlan.DEFAULT_BACKOFF_CAP.toMillis()) + ", reset after a connection lives "
                    + seconds(ReconnectPlan.DEFAULT_BACKOFF_RESET_AFTER.toMillis()) + ".";
            case ONCE -> "Once: one stream, never reconnected; when it ends or fails the connection closes (the reason "
                    + "still shows). The default for a request with a body, which a reconnect would send again.";
        };
    }

    private static String seconds(long millis) {
        return Duration.ofMillis(millis).toSeconds() + " s";
    }
}
