package dev.ssemonitor.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Rates and silence, sampled once a second from the exact counters: events/s and bytes/s, a one-minute history for
 * the sparkline, and how long an open stream has been quiet. FX thread.
 */
public final class TrafficStats {
    static final long QUIET_WARNING_MILLIS = 10_000;

    private final ReadOnlyDoubleWrapper eventsPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper bytesPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper quietMillis = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper quietWarning = new ReadOnlyBooleanWrapper(false);
    private final RateHistory history = new RateHistory(60);
    private final ReadOnlyLongWrapper historyVersion = new ReadOnlyLongWrapper();
    private long nextTick;
    private long eventsAtTick;
    private long bytesAtTick;

    /**
     * Samples when a second has passed since the last sample.
     *
     * @param quietSince when the open stream last showed life (epoch ms), or -1 when it is not open
     */
    void sample(long now, long events, long bytes, long quietSince) {
        if (now < nextTick) return;
        boolean first = nextTick == 0;
        nextTick = now + 1000;
        if (!first) {
            long perSecond = events - eventsAtTick;
            eventsPerSecond.set(perSecond);
            bytesPerSecond.set(bytes - bytesAtTick);
            history.add(perSecond);
            historyVersion.set(historyVersion.get() + 1);
            long quiet = quietSince < 0 ? 0 : Math.max(0, now - quietSince);
            quietMillis.set(quiet);
            quietWarning.set(quiet >= QUIET_WARNING_MILLIS);
        }
        eventsAtTick = events;
        bytesAtTick = bytes;
    }

    /** A new source starts from zero. */
    void reset() {
        nextTick = 0;
        eventsAtTick = 0;
        bytesAtTick = 0;
        eventsPerSecond.set(0);
        bytesPerSecond.set(0);
        quietMillis.set(0);
        quietWarning.set(false);
        history.clear();
        historyVersion.set(historyVersion.get() + 1);
    }

    public ReadOnlyDoubleProperty eventsPerSecondProperty() {
        return eventsPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty bytesPerSecondProperty() {
        return bytesPerSecond.getReadOnlyProperty();
    }

    /** While OPEN, how long nothing has arrived (no event, comment or byte). */
    public ReadOnlyLongProperty quietMillisProperty() {
        return quietMillis.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty quietWarningProperty() {
        return quietWarning.getReadOnlyProperty();
    }

    /** Events per second over the last minute; {@link #historyVersionProperty()} ticks when it changes. */
    public RateHistory history() {
        return history;
    }

    public ReadOnlyLongProperty historyVersionProperty() {
        return historyVersion.getReadOnlyProperty();
    }
}
