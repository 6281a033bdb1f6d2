package org.emacs.hts;

import java.util.Arrays;

/** A reusable, growable buffer of Lisp words: how batches cross to the heap. */
public final class Words {
    private long[] words;
    private int size;

    public Words() {
        this(64);
    }

    public Words(int initialCapacity) {
        words = new long[Math.max(initialCapacity, 1)];
    }

    public void add(long word) {
        if (size == words.length) words = Arrays.copyOf(words, size * 2);
        words[size++] = word;
    }

    public int size() { return size; }

    public long get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i);
        return words[i];
    }

    /** The backing array; only the first {@link #size()} words are meaningful. */
    public long[] array() { return words; }

    public void clear() { size = 0; }

    public long[] toArray() { return Arrays.copyOf(words, size); }
}
