package org.emacs.hts;

/**
 * Emacs 28.2's sizing arithmetic (fns.c), reproduced operation for operation,
 * because hash-table-size and the weak-sweep free-list order are observable.
 *
 * <p>The rehash parameters use the C struct's encoding: {@code rehashSize} is
 * {@code -N} for an integer rehash-size N, or {@code factor - 1} for a float
 * factor; {@code rehashThreshold} is the float in (0, 1].
 */
final class Capacity {
    /** The largest slot count a Java array-backed table can hold. */
    static final int MAX_SLOTS = Integer.MAX_VALUE - 8;

    /** Emacs's make-hash-table default: 65 slots. */
    static final int DEFAULT_SIZE = 65;
    /** Emacs's default rehash-size 1.5, in struct encoding. */
    static final float DEFAULT_REHASH_SIZE = 1.5f - 1;
    /** Emacs's default rehash-threshold. */
    static final float DEFAULT_REHASH_THRESHOLD = 0.8125f;

    private Capacity() {}

    /** make_hash_table: a size of 0 becomes 1. */
    static int initial(long size) {
        if (size < 0) throw new IllegalArgumentException("negative table size " + size);
        if (size > MAX_SLOTS) throw new TableTooLargeException(size);
        return size == 0 ? 1 : (int) size;
    }

    /** maybe_resize_hash_table: the capacity after growing a full table. */
    static int grown(int oldSize, float rehashSize) {
        double rs = rehashSize;   // the C code widens the float first
        long newSize;
        if (rs < 0) {
            newSize = (long) (oldSize - rs);
        } else {
            double f = oldSize * (rs + 1);
            newSize = f < Long.MAX_VALUE ? (long) f : Long.MAX_VALUE;
        }
        if (newSize <= oldSize) newSize = oldSize + 1L;
        if (newSize > MAX_SLOTS) throw new TableTooLargeException(newSize);
        return (int) newSize;
    }

    /** hash_index_size: the bucket count for a table of {@code size} slots. */
    static int indexSize(int size, float rehashThreshold) {
        double indexFloat = size / (double) rehashThreshold;
        if (!(indexFloat < MAX_SLOTS)) throw new TableTooLargeException((long) indexFloat);
        long n = nextAlmostPrime((long) indexFloat);
        if (n > MAX_SLOTS) throw new TableTooLargeException(n);
        return (int) n;
    }

    /** next_almost_prime: the first odd n' >= n not divisible by 3, 5 or 7. */
    static long nextAlmostPrime(long n) {
        for (n |= 1; ; n += 2)
            if (n % 3 != 0 && n % 5 != 0 && n % 7 != 0) return n;
    }
}
