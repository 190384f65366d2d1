package dev.ssemonitor.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Sends one attempt's request and follows its redirects by hand ({@link Redirects} decides each hop), reporting every
 * hop, until a response that is not a redirect: its head, within the response timeout. Engine thread.
 */
final class HopFollower {
    /** Cancels calls whose response head is late; shared, one daemon thread for every source. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-response-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final OkHttpClient client;
    private final EventSourceConfig config;
    private final ListenerGate gate;
    private final Consumer<Call> inFlight;
    private final BooleanSupplier closed;
    private final Consumer<HttpUrl> permanentTarget;
    private final java.util.function.Supplier<PhaseRecorder> phases;
    private volatile HttpUrl lastUrl;

    /**
     * @param inFlight        told of each call before it is sent, so a close or restart can cancel it
     * @param permanentTarget told where a permanent redirect (301, 308) moved the stream
     * @param phases          the recorder of the call in flight, to say which phase a timeout stopped
     */
    HopFollower(OkHttpClient client, EventSourceConfig config, ListenerGate gate, Consumer<Call> inFlight,
                BooleanSupplier closed, Consumer<HttpUrl> permanentTarget, java.util.function.Supplier<PhaseRecorder> phases) {
        this.client = client;
        this.config = config;
        this.gate = gate;
        this.inFlight = inFlight;
        this.closed = closed;
        this.permanentTarget = permanentTarget;
        this.phases = phases;
    }

    /** The URL of the last request sent: after a redirect, the one to name when it fails. */
    HttpUrl lastUrl() {
        return lastUrl;
    }

    /** A redirect that may not be followed; the attempt ends for good with its reason. */
    static final class RedirectRefused extends IOException {
        RedirectRefused(String reason) {
            super(reason);
        }
    }

    /** No response head in time; the message names the phase that did not finish. */
    static final class ResponseTimeout extends IOException {
        ResponseTimeout(long millis, String phase, Throwable cause) {
            super(phase.equals(PhaseRecorder.WAITING) ? "no response within " + millis / 1000.0
                    + " s: the server accepted the connection but sent no response head"
                    : phase + " did not finish within " + millis / 1000.0 + " s", cause);
        }
    }

    Response send(Request first, int attempt) throws IOException {
        Request request = first;
        List<HttpUrl> visited = new ArrayList<>();
        while (true) {
            visited.add(request.url());
            lastUrl = request.url();
            Call call = client.newCall(request);
            inFlight.accept(call);
            Response response = executeWithinResponseTimeout(call);
            String location = response.header("Location");
            if (!Redirects.isRedirect(response.code()) || location == null || location.isBlank()) return response;
            int status = response.code();
            response.close();
            HttpUrl next = request.url().resolve(location.strip());
            String refusal = Redirects.refusal(request.url(), location, next, visited);
            if (refusal != null) throw new RedirectRefused(refusal);
            Redirects.FollowUp follow = Redirects.follow(request, next, status);
            boolean permanent = Redirects.isPermanent(status);
            // As Chromium and Firefox do: after a permanent redirect, reconnects go to its target.
            if (permanent) permanentTarget.accept(next);
            String from = UrlMask.mask(request.url(), config.revealSecrets());
            String to = UrlMask.mask(next, config.revealSecrets());
            gate.deliver(l -> l.onRedirect(new RedirectInfo(attempt, status, from, to, follow.droppedHeaders(), permanent)));
            request = follow.request();
        }
    }

    /** The call's response head, or an IOException that says it did not come within the response timeout. */
    private Response executeWithinResponseTimeout(Call call) throws IOException {
        long limit = config.responseTimeout().toMillis();
        if (limit <= 0) return call.execute();
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            late.set(true);
            call.cancel();
        }, limit, TimeUnit.MILLISECONDS);
        try {
            return call.execute();
        } catch (IOException e) {
            if (late.get() && !closed.getAsBoolean()) throw new ResponseTimeout(limit, phases.get().phase(), e);
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    /** The first 64 KiB of a refused response's body, read within 5 s; null when it has none. */
    static ErrorBody errorBody(Response response, int attempt) {
        try {
            BufferedSource source = response.body().source();
            source.timeout().timeout(5, TimeUnit.SECONDS);
            Buffer head = new Buffer();
            while (head.size() < ErrorBody.MAX_BYTES) {
                if (source.read(head, ErrorBody.MAX_BYTES - head.size()) == -1) break;
            }
            boolean truncated = head.size() >= ErrorBody.MAX_BYTES && !source.exhausted();
            if (head.size() == 0) return null;
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(head.readByteArray())).toString();
            return new ErrorBody(attempt, response.code(), response.header("Content-Type"), text, truncated);
        } catch (IOException e) {
            return null; // the body is a courtesy: a stalled or broken one never delays the error itself
        }
    }
}
