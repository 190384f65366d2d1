package dev.ssemonitor.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Rates and silence, sampled once a second from the exact counters: events/s and bytes/s over the last
 * {@value #WINDOW} samples (so one event every 5 s reads 0.2/s, not 1/s or 0/s), a one-minute history for the
 * sparkline, and how long an open stream has been quiet. Counters only count arrivals, so releasing rows held
 * while paused never looks like a burst. FX thread.
 */
public final class TrafficStats {
    static final long QUIET_WARNING_MILLIS = 10_000;
    static final int WINDOW = 5;

    private final ReadOnlyDoubleWrapper eventsPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper bytesPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper quietMillis = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper quietWarning = new ReadOnlyBooleanWrapper(false);
    private final RateHistory history = new RateHistory(60);
    private final ReadOnlyLongWrapper historyVersion = new ReadOnlyLongWrapper();
    private long nextTick;
    private long eventsAtTick;
    private final long[] sampleTimes = new long[WINDOW + 1];
    private final long[] sampleEvents = new long[WINDOW + 1];
    private final long[] sampleBytes = new long[WINDOW + 1];
    private int samples;

    /**
     * Samples when a second has passed since the last sample.
     *
     * @param quietSince when the open stream last showed life (epoch ms), or -1 when it is not open
     */
    void sample(long now, long events, long bytes, long quietSince) {
        if (now < nextTick) return;
        boolean first = nextTick == 0;
        nextTick = now + 1000;
        // A ring of the last WINDOW + 1 samples: the rate is the change across it, per second.
        int slot = samples % sampleTimes.length;
        sampleTimes[slot] = now;
        sampleEvents[slot] = events;
        sampleBytes[slot] = bytes;
        samples++;
        if (!first) {
            int oldest = samples <= sampleTimes.length ? 0 : samples % sampleTimes.length;
            double seconds = Math.max(1e-3, (now - sampleTimes[oldest]) / 1000.0);
            eventsPerSecond.set((events - sampleEvents[oldest]) / seconds);
            bytesPerSecond.set((bytes - sampleBytes[oldest]) / seconds);
            history.add(events - eventsAtTick);
            historyVersion.set(historyVersion.get() + 1);
            long quiet = quietSince < 0 ? 0 : Math.max(0, now - quietSince);
            quietMillis.set(quiet);
            quietWarning.set(quiet >= QUIET_WARNING_MILLIS);
        }
        eventsAtTick = events;
    }

    /** A new source starts from zero. */
    void reset() {
        nextTick = 0;
        eventsAtTick = 0;
        samples = 0;
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
