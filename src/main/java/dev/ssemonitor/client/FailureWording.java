package dev.ssemonitor.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;

/** Turns a transport failure into one line a user understands: which phase, which host, the socket's own reason. */
final class FailureWording {
    private FailureWording() {}

    /** @param url the request that failed: after a redirect, not the configured one */
    static String describe(IOException e, boolean opened, HttpUrl url, EventSourceConfig config) {
        String host = url.host() + ":" + url.port();
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof HopFollower.ResponseTimeout) return e.getMessage() + " (" + host + ")";
        if (e instanceof SocketTimeoutException && opened) {
            return "no data for " + config.readTimeout().toMillis() / 1000.0 + " s (read timeout)";
        }
        if (e instanceof SocketTimeoutException && !detail.toLowerCase(java.util.Locale.ROOT).contains("connect")) {
            // Connected, but the head did not come within the read timeout.
            return "no response head from " + host + " within " + config.readTimeout().toMillis() / 1000.0 + " s (read timeout)";
        }
        if (e instanceof SocketTimeoutException) return "timed out connecting to " + host + ": " + detail;
        if (e instanceof UnknownHostException) return "unknown host " + url.host();
        if (e instanceof ConnectException) {
            // OkHttp's message repeats the address; the socket's own reason (e.g. "Connection refused") is the cause.
            Throwable cause = e.getCause();
            String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : detail;
            return "could not connect to " + host + ": " + reason;
        }
        if (e instanceof InterruptedIOException) return "interrupted: " + detail;
        return (opened ? "network error while reading: " : "network error: ") + detail;
    }

    /** An Error or unexpected exception on the engine thread, which ends the source. */
    static String internal(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory while reading the stream (the stream was closed; lower the event size limit)";
        }
        return "internal error: " + t;
    }
}
