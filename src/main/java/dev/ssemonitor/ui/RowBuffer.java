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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rows a tab keeps: the newest {@link #maxRowsProperty()} of them, oldest dropped (and counted) first. While
 * paused, new rows are held back, within the same bound, so the list stands still; resuming releases them. FX thread.
 */
public final class RowBuffer {
    public static final int DEFAULT_MAX_ROWS = 100_000;

    private final ObservableList<MessageRow> rows = FXCollections.observableArrayList();
    private final ArrayDeque<MessageRow> heldWhilePaused = new ArrayDeque<>();
    private final IntegerProperty maxRows = new SimpleIntegerProperty(DEFAULT_MAX_ROWS);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper held = new ReadOnlyLongWrapper();

    RowBuffer(int maxRows) {
        this.maxRows.set(maxRows);
        this.maxRows.addListener((o, a, b) -> trim());
        paused.addListener((o, was, now) -> {
            if (!now) releaseHeldRows();
        });
    }

    /** Adds a batch in one list change (or holds it while paused), dropping the oldest past the bound. */
    void append(List<MessageRow> batch) {
        int max = maxRows.get();
        if (paused.get()) {
            heldWhilePaused.addAll(batch);
            while (heldWhilePaused.size() > max) {
                heldWhilePaused.removeFirst();
                dropped.set(dropped.get() + 1);
            }
            held.set(heldWhilePaused.size());
            return;
        }
        if (batch.size() >= max) {
            // The whole list turns over: replace it in one change.
            dropped.set(dropped.get() + rows.size() + batch.size() - max);
            rows.setAll(batch.subList(batch.size() - max, batch.size()));
            return;
        }
        rows.addAll(batch);
        trim();
    }

    void clear() {
        rows.clear();
        heldWhilePaused.clear();
        held.set(0);
        dropped.set(0);
    }

    /** Every row kept, held ones included, oldest first: a snapshot, safe to hand to another thread. */
    List<MessageRow> snapshot() {
        List<MessageRow> all = new ArrayList<>(rows.size() + heldWhilePaused.size());
        all.addAll(rows);
        all.addAll(heldWhilePaused);
        return all;
    }

    private void trim() {
        int excess = rows.size() - maxRows.get();
        if (excess > 0) {
            rows.remove(0, excess);
            dropped.set(dropped.get() + excess);
        }
    }

    private void releaseHeldRows() {
        if (heldWhilePaused.isEmpty()) return;
        List<MessageRow> batch = new ArrayList<>(heldWhilePaused);
        heldWhilePaused.clear();
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

    /** Rows held back while paused. */
    public ReadOnlyLongProperty heldProperty() {
        return held.getReadOnlyProperty();
    }
}
