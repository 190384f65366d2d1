package dev.ssemonitor.ui;

import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.RequestInfo;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One source's connection attempts, in order, each filled in as the engine reports on it, and the countdown to the
 * next one while the source waits to reconnect. FX thread.
 */
final class AttemptTimeline {
    /** Attempts kept; older ones go (a server that closes at once, with a short retry:, makes many a second). */
    static final int MAX_ATTEMPTS = 1000;

    private final ObservableList<AttemptRow> attempts = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper reconnects = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper reconnectInSeconds = new ReadOnlyLongWrapper(-1);
    private long reconnectDueAt = -1;

    /**
     * Takes the signals about attempts; false for any other signal.
     *
     * @param afterRow how many rows the tab has numbered so far
     */
    boolean apply(EngineSignal signal, long nowMillis, long afterRow) {
        if (signal instanceof EngineSignal.AttemptStarted a) {
            reconnectDueAt = -1;
            RequestInfo r = a.request();
            attempts.add(new AttemptRow(r, afterRow));
            if (attempts.size() > MAX_ATTEMPTS) attempts.remove(0);
        } else if (signal instanceof EngineSignal.AttemptRedirected a) {
            if (!attempts.isEmpty()) last().redirected(a.redirect(), a.time(), afterRow);
        } else if (signal instanceof EngineSignal.AttemptResponded a) {
            if (!attempts.isEmpty()) last().responded(a.response(), a.time(), afterRow);
        } else if (signal instanceof EngineSignal.AttemptBody a) {
            if (!attempts.isEmpty()) last().body(a.body(), a.time(), afterRow);
        } else if (signal instanceof EngineSignal.AttemptEnded a) {
            if (!attempts.isEmpty()) last().ended(a.summary(), a.time(), afterRow);
        } else if (signal instanceof EngineSignal.ReconnectScheduled r) {
            reconnectDueAt = nowMillis + r.delayMillis();
            reconnects.set(reconnects.get() + 1);
            if (!attempts.isEmpty()) last().reconnectIn(r.delayMillis(), r.why(), r.time(), afterRow);
        } else {
            return false;
        }
        return true;
    }

    /** A readyState change: OPEN marks the attempt open; leaving CONNECTING ends any wait. */
    void stateChanged(ReadyState state, long at) {
        if (state != ReadyState.CONNECTING) reconnectDueAt = -1;
        if (state == ReadyState.OPEN && !attempts.isEmpty()) last().opened(at);
    }

    void countEvents(long n) {
        if (n > 0 && !attempts.isEmpty()) last().countEvents(n);
    }

    /** Once per drain: the open attempt's bytes and first byte so far, as the engine counts them. */
    void live(long bytes, long ttfbMillis) {
        if (!attempts.isEmpty()) last().live(bytes, ttfbMillis);
    }

    /** Once per drain: the seconds left before the next attempt. */
    void tick(long nowMillis) {
        long left = reconnectDueAt < 0 ? -1 : Math.max(0, (reconnectDueAt - nowMillis + 999) / 1000);
        if (left != reconnectInSeconds.get()) reconnectInSeconds.set(left);
    }

    /** Empties the list (Clear); the counts stay. */
    void clear() {
        attempts.clear();
    }

    /** A new source: nothing of the old one's attempts, waits or counts. */
    void reset() {
        attempts.clear();
        reconnects.set(0);
        reconnectDueAt = -1;
        reconnectInSeconds.set(-1);
    }

    private AttemptRow last() {
        return attempts.get(attempts.size() - 1);
    }

    ObservableList<AttemptRow> rows() {
        return attempts;
    }

    ReadOnlyLongProperty reconnectsProperty() {
        return reconnects.getReadOnlyProperty();
    }

    ReadOnlyLongProperty reconnectInSecondsProperty() {
        return reconnectInSeconds.getReadOnlyProperty();
    }
}
