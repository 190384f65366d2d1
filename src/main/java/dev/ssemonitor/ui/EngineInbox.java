package dev.ssemonitor.ui;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;
import dev.ssemonitor.sse.ServerSentEvent;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The listener one source reports to: on the engine thread it only turns reports into {@link EngineSignal}s and
 * queues them; the FX thread polls them once per pulse. One inbox per source, so a new connection never sees the
 * last one's signals.
 */
final class EngineInbox implements EventSourceListener {
    private final ConcurrentLinkedQueue<EngineSignal> queue = new ConcurrentLinkedQueue<>();

    /** The next signal, or null when none is queued. FX thread. */
    EngineSignal poll() {
        return queue.poll();
    }

    @Override
    public void onReadyStateChange(ReadyState state, String reason) {
        long now = System.currentTimeMillis();
        queue.add(new EngineSignal.StateChanged(state, reason, now));
        queue.add(MessageRow.state(now, state, reason));
    }

    @Override
    public void onRequest(RequestInfo request) {
        queue.add(new EngineSignal.AttemptStarted(request));
    }

    @Override
    public void onResponse(ResponseInfo response) {
        queue.add(new EngineSignal.AttemptResponded(response));
    }

    @Override
    public void onEvent(ServerSentEvent e) {
        queue.add(MessageRow.event(System.currentTimeMillis(), e));
    }

    @Override
    public void onComment(String comment) {
        queue.add(MessageRow.comment(System.currentTimeMillis(), comment));
    }

    @Override
    public void onRetry(long millis) {
        queue.add(new EngineSignal.RetryChanged(millis));
        queue.add(MessageRow.retry(System.currentTimeMillis(), millis));
    }

    @Override
    public void onLastEventIdChange(String id) {
        queue.add(new EngineSignal.LastIdChanged(id));
    }

    @Override
    public void onError(String text, Throwable cause) {
        queue.add(MessageRow.error(System.currentTimeMillis(), text));
    }

    @Override
    public void onAttemptEnd(AttemptSummary summary) {
        queue.add(new EngineSignal.AttemptEnded(summary));
    }

    @Override
    public void onReconnectScheduled(long delayMillis, String why) {
        queue.add(new EngineSignal.ReconnectScheduled(delayMillis, why));
    }
}
