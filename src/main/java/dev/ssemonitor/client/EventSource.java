package dev.ssemonitor.client;

import dev.ssemonitor.sse.EventStreamHandler;
import dev.ssemonitor.sse.EventStreamParser;
import dev.ssemonitor.sse.EventTooLargeException;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A browser-exact EventSource over OkHttp, that reports everything it does.
 *
 * <p>readyState goes CONNECTING → OPEN → (CONNECTING → OPEN)* → CLOSED. Each connection runs on this source's own
 * engine thread, which reads the body with blocking reads and feeds our {@link EventStreamParser}; every report goes to
 * the {@link EventSourceListener} on that thread, through a {@link ListenerGate}. What follows each attempt is the
 * {@link ReconnectPlan}'s decision; this class only carries it out.
 */
public final class EventSource implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventSource.class.getName());
    private static volatile OkHttpClient defaultClient;

    private final EventSourceConfig config;
    private final OkHttpClient client;
    private final ListenerGate gate;
    private final EventStreamParser parser;
    private final ReconnectPlan plan;
    private final HopFollower hops;
    private final Thread engine;
    private final TlsTrust trust;
    /** OkHttp's view of the call in flight; one call at a time per source. */
    private volatile PhaseRecorder phases = new PhaseRecorder();

    private final Object waitLock = new Object();
    private boolean restartRequested; // guarded by waitLock

    private volatile boolean closed;
    private volatile Call currentCall;
    /** Written by the engine thread with a release store (a volatile one fences every event of a flood). */
    private String lastEventId;
    private static final java.lang.invoke.VarHandle LAST_EVENT_ID;

    static {
        try {
            LAST_EVENT_ID = java.lang.invoke.MethodHandles.lookup().findVarHandle(EventSource.class, "lastEventId", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** Where the next attempt starts: the configured URL, or a permanent redirect's target. */
    private volatile HttpUrl streamUrl;
    private volatile long bytesReceived;
    private volatile long lastByteAtMillis;
    /** Set while a stream runs when what it carried says it is over (see {@link #settle}); cleared per attempt. */
    private volatile String settled;

    /** The attempt under way, until its end record is delivered (by the engine, or by close()). */
    private final AtomicReference<AttemptOutcome.Progress> pendingAttempt = new AtomicReference<>();

    // Engine-thread state.
    private int attempt;

    private EventSource(OkHttpClient base, EventSourceConfig config, EventSourceListener listener) {
        this.config = config;
        this.gate = new ListenerGate(listener);
        OkHttpClient.Builder b = base.newBuilder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .callTimeout(java.time.Duration.ZERO)
                .followRedirects(false) // followed by hand, hop by hop: see Redirects
                .followSslRedirects(false)
                .eventListenerFactory(call -> phases = new PhaseRecorder());
        this.trust = TlsTrust.install(b, config);
        this.client = b.build();
        this.parser = new EventStreamParser(new ParserHandler(), config.maxEventBytes(), config.captureRawLines());
        this.parser.setLastEventId(config.lastEventId());
        this.lastEventId = config.lastEventId();
        this.streamUrl = config.url();
        this.plan = new ReconnectPlan(config, bound -> ThreadLocalRandom.current().nextLong(bound));
        this.hops = new HopFollower(client, config, gate, call -> {
            synchronized (waitLock) {
                currentCall = call;
            }
            if (closed) call.cancel();
        }, () -> closed, target -> streamUrl = target, () -> phases);
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
                if (defaultClient == null) defaultClient = TlsTrust.platformTrust(new OkHttpClient.Builder()).build();
                c = defaultClient;
            }
        }
        return c;
    }

    public EventSourceConfig config() {
        return config;
    }

    public ReadyState readyState() {
        return gate.readyState();
    }

    public String lastEventId() {
        return (String) LAST_EVENT_ID.getAcquire(this);
    }

    public long reconnectionTimeMillis() {
        return plan.reconnectionTimeMillis();
    }

    /** Body bytes received over all connections so far; cheap to poll from any thread. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Body bytes of the attempt under way (0 between attempts); cheap to poll from any thread. */
    public long attemptBytes() {
        AttemptOutcome.Progress p = pendingAttempt.get();
        return p == null ? 0 : p.bytesSoFar();
    }

    /** The attempt under way: from its request to its first body byte, or -1 before that byte (or between attempts). */
    public long attemptTimeToFirstByteMillis() {
        AttemptOutcome.Progress p = pendingAttempt.get();
        return p == null ? -1 : p.timeToFirstByteMillis();
    }

    /** When the last body byte arrived (epoch ms), or 0 if none has. */
    public long lastByteAtMillis() {
        return lastByteAtMillis;
    }

    /**
     * The stream under way has said it is over (an LLM answer's end marker, say): when the server ends it, do not
     * reconnect; readyState becomes CLOSED with {@code why}. An error or a close still ends it as it would. For the
     * attempt under way only. Any thread, usually the listener's.
     */
    public void settle(String why) {
        settled = why;
    }

    /** Drops the current connection (or the wait before the next one) and reconnects at once. */
    public void restart() {
        Call call;
        synchronized (waitLock) {
            restartRequested = true;
            // Only the call in flight now: read under the lock the engine sets it under, so a restart that wakes the
            // wait never cancels the new attempt's call instead.
            call = currentCall;
            waitLock.notifyAll();
        }
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
        // An attempt under way ends with the close, and says so, before CLOSED.
        gate.terminate(reason, () -> endOfPendingAttempt(reason));
    }

    /** Claims the attempt under way, if its end is not reported yet: its end record, ended now for {@code reason}. */
    private AttemptSummary endOfPendingAttempt(String reason) {
        AttemptOutcome.Progress p = pendingAttempt.getAndSet(null);
        return p == null ? null : p.summary(reason);
    }

    /** Waits for the engine thread to finish (after CLOSED); for tests and orderly shutdown. */
    public boolean awaitTermination(long millis) throws InterruptedException {
        engine.join(millis);
        return !engine.isAlive();
    }

    // ---- engine thread

    private void run() {
        gate.changeState(ReadyState.CONNECTING, "connecting to " + shown(config.url()));
        try {
            while (!closed) {
                AttemptOutcome outcome = attemptOnce();
                // A close() under way ends the attempt itself, with its own reason ("disconnected by the user"): the
                // engine must not claim it first with the "closed" that the cancelled read gave it.
                if (closed) return;
                gate.endAttempt(() -> {
                    AttemptOutcome.Progress p = pendingAttempt.getAndSet(null);
                    return p == null ? null : outcome.summary(p.attempt(), p.events());
                });
                String over = settled;
                if (over != null && outcome.end() == AttemptOutcome.End.STREAM_ENDED) {
                    gate.terminate("the server ended the stream and " + over + ": not reconnecting");
                    return;
                }
                ReconnectPlan.Decision next = plan.next(outcome);
                if (!next.reconnect()) {
                    gate.terminate(next.reason());
                    return;
                }
                gate.changeState(ReadyState.CONNECTING, next.reason() + "; reconnecting in " + next.delayMillis() + " ms");
                gate.deliver(l -> l.onReconnectScheduled(next.delayMillis(), next.why()));
                if (!waitBeforeReconnect(next.delayMillis())) return;
            }
        } catch (RuntimeException | Error e) {
            // Whatever breaks (a bug, or the heap running out), the source ends visibly instead of sitting in OPEN.
            LOG.log(System.Logger.Level.ERROR, "engine failure", e);
            closed = true;
            Call call = currentCall;
            if (call != null) call.cancel();
            String reason = FailureWording.internal(e);
            gate.terminate(reason, () -> endOfPendingAttempt(reason));
        }
    }

    /** Waits, waking early on close or restart; false when closed. */
    private boolean waitBeforeReconnect(long delayMillis) {
        long deadline = System.nanoTime() + Math.min(delayMillis, ReconnectPlan.MAX_WAIT_MILLIS) * 1_000_000L;
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

    private AttemptOutcome attemptOnce() {
        attempt++;
        settled = null;
        synchronized (waitLock) {
            restartRequested = false;
        }
        String sentLastEventId = parser.lastEventId();
        Request request = StreamRequest.build(config, streamUrl, sentLastEventId);
        long started = System.currentTimeMillis();
        gate.deliver(l -> l.onRequest(new RequestInfo(attempt, started, request.method(), shown(request.url()),
                Header.of(request.headers(), config.revealSecrets()), sentLastEventId)));
        AttemptOutcome.Progress progress = new AttemptOutcome.Progress(attempt);
        pendingAttempt.set(progress);
        try (Response response = hops.send(request, attempt)) {
            progress.responded(response.code());
            gate.deliver(l -> l.onResponse(describe(response)));
            String refusal = ResponseCheck.refusal(response);
            if (refusal != null) {
                ErrorBody body = response.code() == 204 ? null : HopFollower.errorBody(response, attempt);
                if (plan.retriesRefusal(response.code(), ResponseCheck.isRedirectWithoutLocation(response))) {
                    if (body != null) gate.deliver(l -> l.onErrorBody(body));
                    return progress.end(AttemptOutcome.End.RETRYABLE_REFUSAL, refusal);
                }
                gate.deliver(l -> l.onError(refusal, null));
                if (body != null) gate.deliver(l -> l.onErrorBody(body));
                return progress.end(AttemptOutcome.End.FINAL, refusal);
            }
            progress.opened();
            gate.changeState(ReadyState.OPEN, "HTTP " + response.code() + " " + ResponseCheck.statusText(response)
                    + ", " + response.header("Content-Type") + " from " + shown(response.request().url()));
            readBody(response.body().byteStream(), progress);
            parser.endOfStream();
            return progress.end(AttemptOutcome.End.STREAM_ENDED, "the server ended the stream");
        } catch (HopFollower.RedirectRefused e) {
            gate.deliver(l -> l.onError(e.getMessage(), null));
            return progress.end(AttemptOutcome.End.FINAL, e.getMessage());
        } catch (EventTooLargeException e) {
            parser.endOfStream();
            gate.deliver(l -> l.onError(e.getMessage(), e));
            return progress.end(AttemptOutcome.End.FINAL, e.getMessage());
        } catch (IOException e) {
            parser.endOfStream();
            boolean restart;
            synchronized (waitLock) {
                restart = restartRequested;
                restartRequested = false;
            }
            if (closed) return progress.end(AttemptOutcome.End.FINAL, "closed");
            if (restart) return progress.end(AttemptOutcome.End.RESTART, "restart requested");
            HttpUrl failed = hops.lastUrl() != null ? hops.lastUrl() : request.url();
            String message = FailureWording.describe(e, progress.isOpen(), failed, config, trust.lastChain());
            gate.deliver(l -> l.onError(message, e));
            // A certificate that is not trusted will not become trusted by waiting: no reconnect, as for a refusal.
            boolean certificate = FailureWording.isCertificateProblem(e);
            return progress.end(certificate ? AttemptOutcome.End.FINAL : AttemptOutcome.End.NETWORK_ERROR, message);
        } finally {
            synchronized (waitLock) {
                currentCall = null;
            }
        }
    }

    private String shown(HttpUrl url) {
        return UrlMask.mask(url, config.revealSecrets());
    }

    private void readBody(InputStream in, AttemptOutcome.Progress progress) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            progress.received(n);
            bytesReceived += n; // only the engine thread writes it
            lastByteAtMillis = System.currentTimeMillis();
            parser.feed(buffer, 0, n);
            if (closed) break;
        }
    }

    private ResponseInfo describe(Response response) {
        Response network = response.networkResponse();
        Headers sent = network != null ? network.request().headers() : response.request().headers();
        return new ResponseInfo(attempt, response.code(), ResponseCheck.statusText(response),
                response.protocol().toString(), shown(response.request().url()),
                Header.of(response.headers(), config.revealSecrets()), Header.of(sent, config.revealSecrets()),
                response.receivedResponseAtMillis() - response.sentRequestAtMillis(), phases.times(),
                TlsInfo.of(response.handshake(), trust.lastChain(), !config.insecure()));
    }

    private final class ParserHandler implements EventStreamHandler {
        @Override
        public void onEvent(ServerSentEvent event) {
            AttemptOutcome.Progress p = pendingAttempt.get();
            if (p != null) p.event();
            gate.deliverEvent(event);
        }

        @Override
        public void onComment(String comment) {
            gate.deliver(l -> l.onComment(comment));
        }

        @Override
        public void onRetry(long millis) {
            plan.serverSetReconnectionTime(millis);
            long applied = plan.reconnectionTimeMillis();
            gate.deliver(l -> l.onRetry(applied));
        }

        @Override
        public void onLastEventIdChange(String id) {
            LAST_EVENT_ID.setRelease(EventSource.this, id);
            gate.deliver(l -> l.onLastEventIdChange(id));
        }

        @Override
        public void onLastEventIdChangeThenEvent(String id, ServerSentEvent event) {
            LAST_EVENT_ID.setRelease(EventSource.this, id);
            AttemptOutcome.Progress p = pendingAttempt.get();
            if (p != null) p.event();
            gate.deliverLastEventIdThenEvent(id, event);
        }
    }

    @Override
    public String toString() {
        return "EventSource[" + UrlMask.mask(config.url()) + ", " + readyState().name().toLowerCase(Locale.ROOT) + "]";
    }
}
