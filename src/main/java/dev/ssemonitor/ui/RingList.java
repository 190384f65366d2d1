package dev.ssemonitor.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * An observable list kept in a ring: rows join at the end and leave from the front, each batch in one change and in
 * time proportional to the batch. JavaFX's own list removes a range one element at a time, each removal shifting
 * everything after it: dropping the oldest 10,000 of 110,000 rows took a fifth of a second of the FX thread, every
 * time a flood's list reached its bound. Read-only to everyone but {@link RowBuffer} (the mutators of {@code List}
 * throw, as an unmodifiable list's do). FX thread.
 */
final class RingList<E> extends ObservableListBase<E> {
    private Object[] items = new Object[16];
    private int head;
    private int size;

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        return (E) items[slot(index)];
    }

    @Override
    public int size() {
        return size;
    }

    private int slot(int index) {
        int s = head + index;
        return s >= items.length ? s - items.length : s;
    }

    /** Adds {@code batch} at the end, as one change. */
    void append(Collection<? extends E> batch) {
        if (batch.isEmpty()) return;
        room(size + batch.size());
        int from = size;
        for (E e : batch) {
            items[slot(size)] = e;
            size++;
        }
        beginChange();
        nextAdd(from, size);
        endChange();
    }

    /** Removes the first {@code n} elements, as one change. */
    void removeFirst(int n) {
        if (n <= 0) return;
        if (n > size) throw new IndexOutOfBoundsException("removing " + n + " of " + size);
        List<E> removed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int s = slot(i);
            @SuppressWarnings("unchecked")
            E e = (E) items[s];
            removed.add(e);
            items[s] = null;
        }
        head = slot(n);
        size -= n;
        if (size == 0) head = 0;
        beginChange();
        nextRemove(0, removed);
        endChange();
    }

    /** Replaces everything with {@code all}, as one change. */
    void replaceAll(Collection<? extends E> all) {
        List<E> removed = new ArrayList<>(this);
        Arrays.fill(items, null);
        head = 0;
        size = 0;
        if (all.size() > items.length || items.length > 2 * Math.max(16, all.size())) {
            items = new Object[Math.max(16, all.size())];
        }
        for (E e : all) items[size++] = e;
        if (removed.isEmpty() && size == 0) return;
        beginChange();
        if (!removed.isEmpty()) nextRemove(0, removed);
        if (size > 0) nextAdd(0, size);
        endChange();
    }

    private void room(int needed) {
        if (needed <= items.length) return;
        Object[] grown = new Object[Math.max(needed, items.length + (items.length >> 1))];
        for (int i = 0; i < size; i++) grown[i] = items[slot(i)];
        items = grown;
        head = 0;
    }
}
