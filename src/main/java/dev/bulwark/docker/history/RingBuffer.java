package dev.bulwark.docker.history;

import java.util.ArrayList;
import java.util.List;

/** Fixed-capacity ring of values; the oldest is overwritten. Thread-safe. */
public final class RingBuffer<T> {
    private final Object[] items;
    private int next;
    private int size;

    public RingBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        items = new Object[capacity];
    }

    public synchronized void add(T item) {
        items[next] = item;
        next = (next + 1) % items.length;
        size = Math.min(size + 1, items.length);
    }

    /** Oldest first. */
    @SuppressWarnings("unchecked")
    public synchronized List<T> toList() {
        List<T> out = new ArrayList<>(size);
        int start = (next - size + items.length) % items.length;
        for (int i = 0; i < size; i++) {
            out.add((T) items[(start + i) % items.length]);
        }
        return out;
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return items.length;
    }
}
