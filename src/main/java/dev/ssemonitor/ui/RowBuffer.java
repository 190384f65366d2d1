package dev.ssemonitor.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ObservableList;

/**
 * The rows a tab keeps: the newest {@link #maxRowsProperty()} of them and at most {@link #maxBytes()} of heap, oldest
 * dropped (and counted) first, so a stream of 1 MiB events is bounded as surely as a flood of tiny ones. While paused,
 * new rows are held back, within the same bounds, so the list stands still; resuming releases them. FX thread.
 */
public final class RowBuffer {
    public static final int DEFAULT_MAX_ROWS = 100_000;

    private final RingList<MessageRow> rows = new RingList<>();
    private final ArrayDeque<MessageRow> heldWhilePaused = new ArrayDeque<>();
    private final IntegerProperty maxRows = new SimpleIntegerProperty(DEFAULT_MAX_ROWS);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    /** Held for the reader: the list stands still while the user looks at rows away from the newest. */
    private final BooleanProperty holding = new SimpleBooleanProperty(false);
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper held = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper keptBytes = new ReadOnlyLongWrapper();
    private final long maxBytes;
    private long rowBytes;
    private long heldBytes;

    RowBuffer(int maxRows) {
        this(maxRows, Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    RowBuffer(int maxRows, long maxBytes) {
        this.maxBytes = maxBytes;
        this.maxRows.set(maxRows);
        this.maxRows.addListener((o, a, b) -> trim());
        paused.addListener((o, was, now) -> {
            if (!now && !holding.get()) releaseHeldRows();
        });
        holding.addListener((o, was, now) -> {
            if (!now && !paused.get()) releaseHeldRows();
        });
    }

    /** Adds a batch in one list change (or holds it while paused), dropping the oldest past the bound. */
    void append(List<MessageRow> batch) {
        if (paused.get() || holding.get()) {
            for (MessageRow r : batch) heldBytes += r.weight();
            heldWhilePaused.addAll(batch);
            long lost = 0;
            while (heldWhilePaused.size() > maxRows.get() || (heldBytes + rowBytes > maxBytes && heldWhilePaused.size() > 1)) {
                heldBytes -= heldWhilePaused.removeFirst().weight();
                lost++;
            }
            countDropped(lost);
            held.set(heldWhilePaused.size());
            publishBytes();
            return;
        }
        // Only the tail of a batch that would not fit anyway is added: the list turns over in one change.
        int max = maxRows.get();
        int from = Math.max(0, batch.size() - max);
        long bytes = 0;
        for (int i = batch.size() - 1; i >= from; i--) {
            if (bytes + batch.get(i).weight() > maxBytes && i < batch.size() - 1) {
                from = i + 1;
                break;
            }
            bytes += batch.get(i).weight();
        }
        List<MessageRow> tail = from == 0 ? batch : batch.subList(from, batch.size());
        countDropped(from);
        if (tail.size() >= max || bytes >= maxBytes) {
            countDropped(rows.size());
            rows.replaceAll(tail);
            rowBytes = bytes;
        } else {
            rows.append(tail);
            rowBytes += bytes;
            trim();
        }
        publishBytes();
    }

    /** Rows that never reached the buffer (the engine's queue was full): counted with the dropped ones. */
    void countDropped(long n) {
        if (n > 0) dropped.set(dropped.get() + n);
    }

    private void publishBytes() {
        keptBytes.set(rowBytes + heldBytes);
    }

    void clear() {
        rows.replaceAll(List.of());
        heldWhilePaused.clear();
        held.set(0);
        dropped.set(0);
        rowBytes = 0;
        heldBytes = 0;
        publishBytes();
    }

    /** Every row kept, held ones included, oldest first: a snapshot, safe to hand to another thread. */
    List<MessageRow> snapshot() {
        List<MessageRow> all = new ArrayList<>(rows.size() + heldWhilePaused.size());
        all.addAll(rows);
        all.addAll(heldWhilePaused);
        return all;
    }

    private void trim() {
        // Past the row bound, the oldest go in batches of a tenth of it: removing from the front of the list costs the
        // table a relayout whatever the number removed, so a flood pays it once every few updates, not on each one.
        trim(maxRows.get() >= 10_000 ? Math.min(maxRows.get() / 10, 10_000) : 0);
    }

    /**
     * Once a flood has passed, the rows its batches left past the bound go too: a list at rest keeps exactly it. Not
     * while paused or held for the reader, whose rows must not slide. How many went.
     */
    int settle() {
        return rows.size() > maxRows.get() && !paused.get() && !holding.get() ? trim(0) : 0;
    }

    /** Drops the oldest past the bound plus {@code slack}; how many. */
    private int trim(int slack) {
        int excess = rows.size() > maxRows.get() + slack ? rows.size() - maxRows.get() : 0;
        long bytes = rowBytes;
        for (int i = 0; i < excess; i++) bytes -= rows.get(i).weight();
        while (bytes > maxBytes && excess < rows.size() - 1) bytes -= rows.get(excess++).weight();
        if (excess > 0) {
            rows.removeFirst(excess);
            rowBytes = bytes;
            countDropped(excess);
        }
        publishBytes();
        return excess;
    }

    private void releaseHeldRows() {
        if (heldWhilePaused.isEmpty()) return;
        List<MessageRow> batch = new ArrayList<>(heldWhilePaused);
        heldWhilePaused.clear();
        heldBytes = 0;
        held.set(0);
        append(batch);
    }

    /** The shown rows, oldest first (held rows are not in it). */
    ObservableList<MessageRow> rows() {
        return rows;
    }

    public IntegerProperty maxRowsProperty() {
        return maxRows;
    }

    /** Paused: rows keep arriving and counting but are held back, so the list stands still. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Rows dropped to keep the list bounded (they were counted all the same). */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** The most heap the kept and held rows may hold, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** About how many heap bytes the kept and held rows hold. */
    public ReadOnlyLongProperty keptBytesProperty() {
        return keptBytes.getReadOnlyProperty();
    }

    /**
     * Rows are held (counted, bounded, not shown) while this is true as well as while paused: the view sets it when
     * the user stops following, so dropping the oldest rows never slides the rows they are reading.
     */
    BooleanProperty holdingProperty() {
        return holding;
    }

    /** Rows held back while paused (or while the user reads away from the newest row). */
    public ReadOnlyLongProperty heldProperty() {
        return held.getReadOnlyProperty();
    }
}
