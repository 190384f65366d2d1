package dev.ssemonitor.ui;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.ErrorBody;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.RedirectInfo;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;
import dev.ssemonitor.llm.AnswerAssembler;
import dev.ssemonitor.sse.ServerSentEvent;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listener one source reports to: on the engine thread it only turns reports into {@link EngineSignal}s and
 * queues them; the FX thread polls them once per pulse. One inbox per source, so a new connection never sees the
 * last one's signals.
 *
 * <p>The queue is bounded by bytes: when the FX thread falls behind a flood by more than {@link #maxQueuedBytes()},
 * new event and comment rows are not queued but counted, so counters stay exact while memory stays bounded.
 *
 * <p>It also feeds the tab's {@link AnswerAssembler} (on the engine thread, every event, dropped rows too), and when the
 * answer says its stream is over it tells the source not to reconnect after it.
 */
final class EngineInbox implements EventSourceListener {
    private final ConcurrentLinkedQueue<EngineSignal> queue = new ConcurrentLinkedQueue<>();
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    // Rows not queued since the last row that was, by kind: told to the FX thread just before the next row (so the
    // counters and the rows' numbers move in stream order), or taken by it once it has emptied the queue. Each skipped
    // row is counted by exactly one of the two, whichever resets the counter first.
    private final AtomicLong skippedEvents = new AtomicLong();
    private final AtomicLong skippedComments = new AtomicLong();
    private final AtomicLong skippedOtherRows = new AtomicLong();
    // Per event on most streams: kept as the latest value, not queued, so a flood cannot grow the queue with them.
    private volatile String latestLastEventId;
    private volatile long latestRetryMillis = -1;
    // Engine thread only: what the last response and error were, to word the rows that follow them.
    private int lastStatus;
    private String lastError;
    private final AnswerAssembler assembler;
    private volatile StreamConnector.Connection connection;
    private volatile String over;

    EngineInbox() {
        this(Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));
    }

    EngineInbox(long maxQueuedBytes) {
        this(maxQueuedBytes, AnswerAssembler.off());
    }

    EngineInbox(long maxQueuedBytes, AnswerAssembler assembler) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.assembler = assembler;
    }

    /** The source this inbox listens to, once it is open: told to settle when the answer is over. */
    void bind(StreamConnector.Connection source) {
        connection = source;
        String why = over;
        if (why != null) source.settle(why);
    }

    private void settleIfOver() {
        String why = assembler.completion();
        if (why == null || why.equals(over)) return;
        over = why;
        StreamConnector.Connection c = connection;
        if (c != null) c.settle(why);
    }

    long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** The next signal, or null when none is queued. FX thread. */
    EngineSignal poll() {
        EngineSignal s = queue.poll();
        if (s instanceof MessageRow row) queuedBytes.addAndGet(-row.weight());
        return s;
    }

    /**
     * The rows skipped since the last row queued, or null: queued just before the next row (engine thread), or taken
     * by the FX thread once it has found the queue empty (before that, the queue's own signals keep the counts in
     * stream order).
     */
    EngineSignal.RowsSkipped takeSkips() {
        // Three plain reads for each row queued; the resets only after a skip.
        if (skippedEvents.get() == 0 && skippedComments.get() == 0 && skippedOtherRows.get() == 0) return null;
        long events = skippedEvents.getAndSet(0);
        long comments = skippedComments.getAndSet(0);
        long others = skippedOtherRows.getAndSet(0);
        return events + comments + others == 0 ? null : new EngineSignal.RowsSkipped(events, comments, others);
    }

    /** The last event ID the engine reported, or null if it has not changed since the last call. FX thread. */
    String takeLastEventId() {
        String id = latestLastEventId;
        latestLastEventId = null;
        return id;
    }

    /** The reconnection time the server last set with retry:, or -1 if none since the last call. FX thread. */
    long takeRetryMillis() {
        long ms = latestRetryMillis;
        latestRetryMillis = -1;
        return ms;
    }

    /** Queues the row if the queue has room for its bytes; else counts it, by kind, as skipped. */
    private void room(MessageRow row) {
        if (queuedBytes.get() + row.weight() > maxQueuedBytes) {
            (row.kind() == MessageRow.Kind.EVENT ? skippedEvents
                    : row.kind() == MessageRow.Kind.COMMENT ? skippedComments : skippedOtherRows).incrementAndGet();
            return;
        }
        queuedBytes.addAndGet(row.weight());
        queueRow(row);
    }

    /** Queues a row, after word of the rows skipped since the last one if there were any. */
    private void queueRow(MessageRow row) {
        EngineSignal.RowsSkipped skipped = takeSkips();
        if (skipped != null) queue.add(skipped);
        queue.add(row);
    }

    @Override
    public void onReadyStateChange(ReadyState state, String reason) {
        long now = System.currentTimeMillis();
        queue.add(new EngineSignal.StateChanged(state, reason, now));
        // Right after an error row, "<error>; reconnecting in 3000 ms" would say the error twice: the row keeps the
        // new part (the badge's tooltip keeps the whole reason).
        String text = lastError != null && reason.startsWith(lastError + "; ") ? reason.substring(lastError.length() + 2) : reason;
        lastError = null;
        queueRow(MessageRow.state(now, state, text)); // state rows always go through: they are few and matter
    }

    @Override
    public void onRequest(RequestInfo request) {
        lastStatus = 0;
        over = null;
        assembler.start(request.startedAtMillis());
        queue.add(new EngineSignal.AttemptStarted(request));
    }

    @Override
    public void onRedirect(RedirectInfo redirect) {
        queue.add(new EngineSignal.AttemptRedirected(redirect, System.currentTimeMillis()));
    }

    @Override
    public void onResponse(ResponseInfo response) {
        lastStatus = response.status();
        queue.add(new EngineSignal.AttemptResponded(response, System.currentTimeMillis()));
    }

    @Override
    public void onEvent(ServerSentEvent e) {
        long now = System.currentTimeMillis();
        if (assembler.accept(e.type(), e::data, now)) settleIfOver();
        room(MessageRow.event(now, e));
    }

    @Override
    public void onComment(String comment) {
        room(MessageRow.comment(System.currentTimeMillis(), comment));
    }

    @Override
    public void onRetry(long millis) {
        latestRetryMillis = millis;
        room(MessageRow.retry(System.currentTimeMillis(), millis));
    }

    @Override
    public void onLastEventIdChange(String id) {
        latestLastEventId = id;
    }

    @Override
    public void onError(String text, Throwable cause) {
        // A 204 is the server's normal "stop": the CLOSED row says so, and it is no error.
        if (lastStatus == 204) return;
        lastError = text;
        queueRow(MessageRow.error(System.currentTimeMillis(), text));
    }

    @Override
    public void onErrorBody(ErrorBody body) {
        // Its own row, right after the error that names the status, so the detail pane shows the body whole (and as a
        // JSON tree when it is JSON).
        long now = System.currentTimeMillis();
        queue.add(new EngineSignal.AttemptBody(body, now));
        room(MessageRow.responseBody(now, body.truncated() ? body.text() + "\n… (the first 64 KiB)" : body.text()));
    }

    @Override
    public void onAttemptEnd(AttemptSummary summary) {
        assembler.firstByte(summary.timeToFirstByteMillis());
        assembler.streamEnded(summary.streamEnded());
        queue.add(new EngineSignal.AttemptEnded(summary, System.currentTimeMillis()));
    }

    @Override
    public void onReconnectScheduled(long delayMillis, String why) {
        queue.add(new EngineSignal.ReconnectScheduled(delayMillis, why, System.currentTimeMillis()));
    }
}
