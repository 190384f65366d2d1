package dev.ssemonitor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.sse.ServerSentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records what a source reports as short lines ("state OPEN", "event message 1 hello", ...), in OkHttp's recorder
 * style: {@link #next()} waits (bounded) for the next one, {@link #assertExhausted()} ends a test.
 */
final class RecordingListener implements EventSourceListener {
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    final List<RequestInfo> requests = new ArrayList<>();
    private String last = "(none)";
    final List<ResponseInfo> responses = new ArrayList<>();
    final List<AttemptSummary> attempts = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();
    final List<RedirectInfo> redirects = new ArrayList<>();
    volatile boolean deliveredAfterClose;
    private volatile boolean closedSeen;

    @Override
    public synchronized void onReadyStateChange(ReadyState state, String reason) {
        if (closedSeen) deliveredAfterClose = true;
        if (state == ReadyState.CLOSED) closedSeen = true;
        queue.add("state " + state + " " + reason);
    }

    @Override
    public synchronized void onRequest(RequestInfo request) {
        guard();
        requests.add(request);
    }

    @Override
    public synchronized void onRedirect(RedirectInfo redirect) {
        redirects.add(redirect);
        queue.add("redirect " + redirect.status() + " " + redirect.from() + " -> " + redirect.to());
    }

    @Override
    public synchronized void onResponse(ResponseInfo response) {
        guard();
        responses.add(response);
    }

    @Override
    public void onEvent(ServerSentEvent e) {
        guard();
        queue.add("event " + e.type() + " " + e.lastEventId() + " " + e.data());
    }

    @Override
    public void onComment(String comment) {
        guard();
        queue.add("comment " + comment);
    }

    @Override
    public void onRetry(long ms) {
        guard();
        queue.add("retry " + ms);
    }

    @Override
    public void onError(String message, Throwable cause) {
        guard();
        queue.add("error " + message);
    }

    @Override
    public synchronized void onAttemptEnd(AttemptSummary summary) {
        guard();
        attempts.add(summary);
    }

    @Override
    public synchronized void onReconnectScheduled(long delayMillis, String why) {
        guard();
        delays.add(delayMillis);
    }

    private void guard() {
        if (closedSeen) deliveredAfterClose = true;
    }

    String next() throws InterruptedException {
        String s = queue.poll(10, TimeUnit.SECONDS);
        if (s == null) throw new AssertionError("no next report within 10 s; the last was: " + last);
        last = s;
        return s;
    }

    /** Skips reports until one starts with {@code prefix} (at most 50 reports), and returns it. */
    String nextStartingWith(String prefix) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String s = next();
            if (s.startsWith(prefix)) return s;
        }
        throw new AssertionError("no report starting with '" + prefix + "'");
    }

    void assertExhausted() throws InterruptedException {
        String s = queue.poll(200, TimeUnit.MILLISECONDS);
        assertThat(s).as("unexpected report").isNull();
        assertThat(deliveredAfterClose).as("a report arrived after CLOSED").isFalse();
    }
}
