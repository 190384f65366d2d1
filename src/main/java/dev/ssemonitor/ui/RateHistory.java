package dev.ssemonitor.ui;

/** The last N per-second counts, oldest first; a fixed ring, so memory never grows. */
public final class RateHistory {
    private final long[] values;
    private int start;
    private int size;

    public RateHistory(int capacity) {
        values = new long[capacity];
    }

    public void add(long value) {
        if (size < values.length) {
            values[(start + size++) % values.length] = value;
        } else {
            values[start] = value;
            start = (start + 1) % values.length;
        }
    }

    public void clear() {
        start = 0;
        size = 0;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return values.length;
    }

    /** The i-th value, 0 being the oldest kept. */
    public long get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
        return values[(start + i) % values.length];
    }

    public long max() {
        long m = 0;
        for (int i = 0; i < size; i++) m = Math.max(m, get(i));
        return m;
    }
}
