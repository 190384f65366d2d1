package dev.ssemonitor.llm;

import java.util.Arrays;

/**
 * The gaps between an answer's chunks, in bounded memory whatever their number: a histogram at millisecond resolution
 * (exact percentiles up to {@value #HISTOGRAM_MS} ms, larger gaps counted past it with their maximum kept) and a
 * series for the chart that halves its resolution instead of growing, keeping the largest gap of each stretch.
 */
final class ChunkTiming {
    static final int HISTOGRAM_MS = 10_000;
    static final int MAX_SERIES = 512;

    private final int[] histogram = new int[HISTOGRAM_MS + 1];
    private long over;
    private long count;
    private long max = -1;
    private final long[] series = new long[MAX_SERIES];
    private int seriesSize;
    private long stride = 1; // gaps per series point
    private long inPoint; // gaps merged into the open point
    private long last = Long.MIN_VALUE;
    private long chunks;

    /** A chunk arrived at {@code atMillis}. */
    void chunk(long atMillis) {
        chunks++;
        if (last != Long.MIN_VALUE) gap(Math.max(0, atMillis - last));
        last = atMillis;
    }

    private void gap(long ms) {
        count++;
        if (ms <= HISTOGRAM_MS) histogram[(int) ms]++;
        else over++;
        max = Math.max(max, ms);
        if (inPoint == 0) {
            if (seriesSize == MAX_SERIES) halve();
            series[seriesSize++] = ms;
        } else {
            series[seriesSize - 1] = Math.max(series[seriesSize - 1], ms);
        }
        if (++inPoint == stride) inPoint = 0;
    }

    private void halve() {
        for (int i = 0; i < MAX_SERIES / 2; i++) series[i] = Math.max(series[2 * i], series[2 * i + 1]);
        seriesSize = MAX_SERIES / 2;
        stride *= 2;
    }

    long chunks() {
        return chunks;
    }

    /** When the last chunk came, or {@link Long#MIN_VALUE}. */
    long lastChunkAt() {
        return last;
    }

    long max() {
        return max;
    }

    /** The gap at or below which {@code fraction} of all gaps lie, or -1 without a gap. */
    long percentile(double fraction) {
        if (count == 0) return -1;
        long rank = (long) Math.ceil(fraction * count);
        long seen = 0;
        for (int ms = 0; ms <= HISTOGRAM_MS; ms++) {
            seen += histogram[ms];
            if (seen >= Math.max(1, rank)) return ms;
        }
        return max; // in the overflow: the largest is the honest bound
    }

    long[] series() {
        return Arrays.copyOf(series, seriesSize);
    }
}
