package dev.ssemonitor.client;

import dev.ssemonitor.sse.EventStreamHandler;
import dev.ssemonitor.sse.EventStreamParser;
import dev.ssemonitor.sse.EventTooLargeException;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A browser-exact EventSource over OkHttp, that reports everything it does.
 *
 * <p>readyState goes CONNECTING → OPEN → (CONNECTING → OPEN)* → CLOSED. Each connection runs on this source's own
 * engine thread, which reads the body with blocking reads and feeds our {@link EventStreamParser}; every report goes to
 * the {@link EventSourceListener} on that thread. Reconnects follow the {@link ReconnectPolicy}.
 */
public final class EventSource implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventSource.class.getName());
    private static final MediaType EMPTY_BODY_TYPE = MediaType.parse("text/plain");
    private static volatile OkHttpClient defaultClient;

    private final EventSourceConfig config;
    private final OkHttpClient client;
    private final EventSourceListener listener;
    private final EventStreamParser parser;
    private final Thread engine;

    private final Object deliveryLock = new Object();
    private boolean terminated; // guarded by deliveryLock

    private final Object waitLock = new Object();
    private boolean restartRequested; // guarded by waitLock

    private volatile boolean closed;
    private volatile Call currentCall;
    private volatile ReadyState readyState = ReadyState.CONNECTING;
    private volatile long reconnectionTimeMillis;
    private volatile String lastEventId;
    private volatile long bytesReceived;
    private volatile long lastByteAtMillis;

    // Engine-thread state.
    private int attempt;
    private int backoffLevel;
    private int failuresSinceOpen;
    private boolean reconnectionTimeFromServer;
    private long attemptEvents;

    private EventSource(OkHttpClient base, EventSourceConfig config, EventSourceListener listener) {
        this.config = config;
        this.listener = listener;
        this.client = base.newBuilder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .callTimeout(java.time.Duration.ZERO)
                .build();
        this.parser = new EventStreamParser(new ParserHandler(), config.maxEventBytes(), config.captureRawLines());
        this.parser.setLastEventId(config.lastEventId());
        this.lastEventId = config.lastEventId();
        this.reconnectionTimeMillis = config.reconnectionTimeMillis();
        this.engine = new Thread(this::run, "sse-engine " + config.url().host() + ":" + config.url().port());
        this.engine.setDaemon(true);
    }

    /** Opens a source with the shared default client: starts connecting at once. */
    public static EventSource connect(EventSourceConfig config, EventSourceListener listener) {
        return connect(defaultClient(), config, listener);
    }

    /**
     * Opens a source over {@code client}, whose proxy, TLS, interceptors and connection pool it uses (its timeouts are
     * replaced by the config's). Starts connecting at once.
     */
    public static EventSource connect(OkHttpClient client, EventSourceConfig config, EventSourceListener listener) {
        EventSource source = new EventSource(client, config, listener);
        source.engine.start();
        return source;
    }

    public static OkHttpClient defaultClient() {
        OkHttpClient c = defaultClient;
        if (c == null) {
            synchronized (EventSource.class) {
                if (defaultClient == null) defaultClient = new OkHttpClient();
                c = defaultClient;
            }
        }
        return c;
    }

    public EventSourceConfig config() {
        return config;
    }

    public ReadyState readyState() {
        return readyState;
    }

    public String lastEventId() {
        return lastEventId;
    }

    public long reconnectionTimeMillis() {
        return reconnectionTimeMillis;
    }

    /** Body bytes received over all connections so far; cheap to poll from any thread. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** When the last body byte arrived (epoch ms), or 0 if none has. */
    public long lastByteAtMillis() {
        return lastByteAtMillis;
    }

    /** Drops the current connection (or the wait before the next one) and reconnects at once. */
    public void restart() {
        synchronized (waitLock) {
            restartRequested = true;
            waitLock.notifyAll();
        }
        Call call = currentCall;
        if (call != null) call.cancel();
    }

    /** Closes for good: readyState becomes CLOSED before this returns, and nothing is reported afterwards. */
    @Override
    public void close() {
        close("closed by the client");
    }

    public void close(String reason) {
        if (closed) return;
        closed = true;
        Call call = currentCall;
        if (call != null) call.cancel();
        synchronized (waitLock) {
            waitLock.notifyAll();
        }
        terminate(reason);
    }

    /** Waits for the engine thread to finish (after CLOSED); for tests and orderly shutdown. */
    public boolean awaitTermination(long millis) throws InterruptedException {
        engine.join(millis);
        return !engine.isAlive();
    }

    // ---- engine thread ----

    private record Outcome(boolean fail, String reason, boolean opened, boolean retryable, boolean restart, int status,
                           long bytes, long openMillis, long timeToFirstByteMillis) {}

    private void run() {
        changeState(ReadyState.CONNECTING, "connecting to " + config.url());
        while (!closed) {
            Outcome outcome;
            try {
                outcome = attemptOnce();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "engine failure", e);
                outcome = new Outcome(true, "internal error: " + e, false, false, false, 0, 0, 0, -1);
            }
            if (closed) return;
            Outcome o = outcome;
            deliver(l -> l.onAttemptEnd(new AttemptSummary(attempt, o.status, o.bytes, attemptEvents, o.openMillis,
                    o.timeToFirstByteMillis, o.reason)));
            if (o.fail || (!o.retryable && !o.restart)) {
                terminate(o.reason);
                return;
            }
            if (o.opened) {
                failuresSinceOpen = 0;
                if (o.openMillis >= config.backoffResetAfter().toMillis()) backoffLevel = 0;
            }
            if (!o.restart) {
                failuresSinceOpen++;
                backoffLevel++;
            }
            int max = config.maxReconnectAttempts();
            if (max > 0 && failuresSinceOpen > max) {
                terminate("gave up after " + max + " reconnect attempt" + (max == 1 ? "" : "s") + ": " + o.reason);
                return;
            }
            long delay;
            String why;
            if (o.restart) {
                delay = 0;
                why = "restart requested";
            } else if (config.policy() == ReconnectPolicy.RESILIENT) {
                delay = Backoff.delay(reconnectionTimeMillis, backoffLevel, config.backoffCap().toMillis(),
                        bound -> ThreadLocalRandom.current().nextLong(bound));
                why = "backoff after " + backoffLevel + " consecutive failure" + (backoffLevel == 1 ? "" : "s")
                        + " (reconnection time " + reconnectionTimeMillis + " ms, doubled, capped at "
                        + config.backoffCap().toSeconds() + " s, with jitter)";
            } else {
                delay = reconnectionTimeMillis;
                why = "reconnection time " + delay + " ms" + (reconnectionTimeFromServer ? " (set by retry:)" : "");
            }
            changeState(ReadyState.CONNECTING, o.reason + "; reconnecting in " + delay + " ms");
            long d = delay;
            deliver(l -> l.onReconnectScheduled(d, why));
            if (!waitBeforeReconnect(delay)) return;
        }
    }

    /** Waits, waking early on close or restart; false when closed. */
    private boolean waitBeforeReconnect(long delayMillis) {
        long deadline = System.nanoTime() + delayMillis * 1_000_000L;
        synchronized (waitLock) {
            while (!closed && !restartRequested) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) break;
                try {
                    waitLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close("interrupted");
                    return false;
                }
            }
            restartRequested = false;
        }
        return !closed;
    }

    private Outcome attemptOnce() {
        attempt++;
        attemptEvents = 0;
        synchronized (waitLock) {
            restartRequested = false;
        }
        String sentLastEventId = parser.lastEventId();
        Request request = buildRequest(sentLastEventId);
        long started = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        deliver(l -> l.onRequest(new RequestInfo(attempt, started, request.method(), request.url().toString(),
                Header.of(request.headers(), config.revealSecrets()), sentLastEventId)));

        Call call = client.newCall(request);
        currentCall = call;
        if (closed) call.cancel();
        int status = 0;
        boolean opened = false;
        long openedAt = 0;
        long bytes = 0;
        long ttfb = -1;
        try (Response response = call.execute()) {
            status = response.code();
            deliver(l -> l.onResponse(describe(response)));
            String refusal = refusal(response);
            if (refusal != null) {
                boolean retryable = config.policy() == ReconnectPolicy.RESILIENT && status != 200 && status != 204
                        && !isRedirectWithoutLocation(response);
                if (!retryable) deliver(l -> l.onError(refusal, null));
                return new Outcome(!retryable, refusal, false, retryable, false, status, 0, 0, -1);
            }
            ResponseBody body = response.body();
            opened = true;
            openedAt = System.nanoTime();
            changeState(ReadyState.OPEN, "HTTP " + status + " " + statusText(response) + ", "
                    + body.contentType() + " from " + response.request().url());
            InputStream in = body.byteStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (ttfb < 0) ttfb = (System.nanoTime() - startNanos) / 1_000_000L;
                bytes += n;
                bytesReceived += n; // only the engine thread writes it
                lastByteAtMillis = System.currentTimeMillis();
                parser.feed(buffer, 0, n);
                if (closed) break;
            }
            parser.endOfStream();
            return new Outcome(false, "the server ended the stream", true, true, false, status, bytes,
                    millisSince(openedAt), ttfb);
        } catch (EventTooLargeException e) {
            parser.endOfStream();
            deliver(l -> l.onError(e.getMessage(), e));
            return new Outcome(true, e.getMessage(), opened, false, false, status, bytes, millisSince(openedAt), ttfb);
        } catch (IOException e) {
            parser.endOfStream();
            long openMillis = opened ? millisSince(openedAt) : 0;
            boolean restart;
            synchronized (waitLock) {
                restart = restartRequested;
                restartRequested = false;
            }
            if (closed) return new Outcome(true, "closed", opened, false, false, status, bytes, openMillis, ttfb);
            if (restart) {
                return new Outcome(false, "restart requested", opened, false, true, status, bytes, openMillis, ttfb);
            }
            String message = describe(e, opened);
            deliver(l -> l.onError(message, e));
            return new Outcome(false, message, opened, true, false, status, bytes, openMillis, ttfb);
        } finally {
            currentCall = null;
        }
    }

    private Request buildRequest(String lastId) {
        Headers.Builder headers = new Headers.Builder();
        for (Header h : config.headers()) headers.add(h.name(), h.value());
        if (headers.get("Accept") == null) headers.set("Accept", "text/event-stream");
        if (headers.get("Cache-Control") == null) headers.set("Cache-Control", "no-cache");
        headers.removeAll("Last-Event-ID");
        // The spec sends the ID UTF-8 encoded; OkHttp writes header values as UTF-8 once allowed to.
        if (!lastId.isEmpty()) headers.addUnsafeNonAscii("Last-Event-ID", lastId);
        RequestBody body = null;
        if (config.body() != null) {
            // Bytes, not a String: OkHttp would append "; charset=utf-8" to the user's Content-Type.
            body = RequestBody.create(config.body().getBytes(StandardCharsets.UTF_8),
                    MediaType.parse(config.bodyContentType()));
        } else if (requiresBody(config.method())) {
            body = RequestBody.create("", EMPTY_BODY_TYPE);
        }
        return new Request.Builder().url(config.url()).headers(headers.build()).method(config.method(), body).build();
    }

    private static boolean requiresBody(String method) {
        return switch (method) {
            case "POST", "PUT", "PATCH", "PROPPATCH", "REPORT" -> true;
            default -> false;
        };
    }

    /** Why this response cannot be an event stream, or null when it is one. */
    private static String refusal(Response response) {
        int status = response.code();
        if (status == 204) return "HTTP 204 No Content: the server asked the client to stop reconnecting";
        if (isRedirectWithoutLocation(response)) {
            return "HTTP " + status + " redirect without a Location header";
        }
        if (status != 200) return "HTTP " + status + " " + statusText(response);
        MediaType type = response.body().contentType();
        if (type == null) return "the response has no Content-Type; an event stream is text/event-stream";
        if (!type.type().equalsIgnoreCase("text") || !type.subtype().equalsIgnoreCase("event-stream")) {
            return "the response is " + type + ", not text/event-stream";
        }
        return null;
    }

    private static boolean isRedirectWithoutLocation(Response response) {
        int status = response.code();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) return false;
        String location = response.header("Location");
        return location == null || location.isBlank();
    }

    private static String statusText(Response response) {
        String message = response.message();
        if (!message.isEmpty()) return message;
        return switch (response.code()) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }

    private ResponseInfo describe(Response response) {
        Response network = response.networkResponse();
        Headers sent = network != null ? network.request().headers() : response.request().headers();
        return new ResponseInfo(attempt, response.code(), statusText(response), response.protocol().toString(),
                response.request().url().toString(), Header.of(response.headers(), config.revealSecrets()),
                Header.of(sent, config.revealSecrets()),
                response.receivedResponseAtMillis() - response.sentRequestAtMillis());
    }

    private String describe(IOException e, boolean opened) {
        String host = config.url().host() + ":" + config.url().port();
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SocketTimeoutException && opened) {
            return "no data for " + config.readTimeout().toMillis() / 1000.0 + " s (read timeout)";
        }
        if (e instanceof SocketTimeoutException) return "timed out connecting to " + host + ": " + detail;
        if (e instanceof UnknownHostException) return "unknown host " + config.url().host();
        if (e instanceof ConnectException) {
            // OkHttp's message repeats the address; the socket's own reason (e.g. "Connection refused") is the cause.
            Throwable cause = e.getCause();
            String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : detail;
            return "could not connect to " + host + ": " + reason;
        }
        if (e instanceof InterruptedIOException) return "interrupted: " + detail;
        return (opened ? "network error while reading: " : "network error: ") + detail;
    }

    private static long millisSince(long nanos) {
        return nanos == 0 ? 0 : (System.nanoTime() - nanos) / 1_000_000L;
    }

    private void changeState(ReadyState state, String reason) {
        synchronized (deliveryLock) {
            if (terminated) return;
            readyState = state;
            safely(l -> l.onReadyStateChange(state, reason));
        }
    }

    private void terminate(String reason) {
        synchronized (deliveryLock) {
            if (terminated) return;
            readyState = ReadyState.CLOSED;
            safely(l -> l.onReadyStateChange(ReadyState.CLOSED, reason));
            terminated = true;
        }
    }

    private void deliver(Consumer<EventSourceListener> call) {
        synchronized (deliveryLock) {
            if (terminated) return;
            safely(call);
        }
    }

    private void safely(Consumer<EventSourceListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an EventSourceListener threw; ignored", e);
        }
    }

    private final class ParserHandler implements EventStreamHandler {
        @Override
        public void onEvent(ServerSentEvent event) {
            attemptEvents++;
            deliver(l -> l.onEvent(event));
        }

        @Override
        public void onComment(String comment) {
            deliver(l -> l.onComment(comment));
        }

        @Override
        public void onRetry(long millis) {
            reconnectionTimeMillis = millis;
            reconnectionTimeFromServer = true;
            deliver(l -> l.onRetry(millis));
        }

        @Override
        public void onLastEventIdChange(String id) {
            lastEventId = id;
            deliver(l -> l.onLastEventIdChange(id));
        }
    }

    @Override
    public String toString() {
        return "EventSource[" + config.url() + ", " + readyState.name().toLowerCase(Locale.ROOT) + "]";
    }
}
