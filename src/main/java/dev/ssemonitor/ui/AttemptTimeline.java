package dev.ssemonitor.ui;

import dev.ssemonitor.client.AttemptSummary;
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
    private final ObservableList<AttemptRow> attempts = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper reconnects = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper reconnectInSeconds = new ReadOnlyLongWrapper(-1);
    private long reconnectDueAt = -1;

    /** Takes the signals about attempts; false for any other signal. */
    boolean apply(EngineSignal signal, long nowMillis) {
        if (signal instanceof EngineSignal.AttemptStarted a) {
            reconnectDueAt = -1;
            RequestInfo r = a.request();
            attempts.add(new AttemptRow(r.attempt(), r.startedAtMillis(), r.method(), r.url(), r.lastEventId()));
        } else if (signal instanceof EngineSignal.AttemptRedirected a) {
            if (!attempts.isEmpty()) last().redirected(a.redirect());
        } else if (signal instanceof EngineSignal.AttemptResponded a) {
            if (!attempts.isEmpty()) last().responded(a.response().status());
        } else if (signal instanceof EngineSignal.AttemptEnded a) {
            AttemptSummary s = a.summary();
            if (!attempts.isEmpty()) last().ended(s.openMillis(), s.timeToFirstByteMillis(), s.bytes(), s.events(), s.endReason());
        } else if (signal instanceof EngineSignal.ReconnectScheduled r) {
            reconnectDueAt = nowMillis + r.delayMillis();
            reconnects.set(reconnects.get() + 1);
            if (!attempts.isEmpty()) last().reconnectIn(r.delayMillis());
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
