package org.emacs.hts;

/**
 * Emacs 28.2's sizing, reproduced operation for operation from fns.c,
 * because hash-table-size and the weak-sweep free-list order are
 * observable: a table of N slots (0 gives 1) grows by its rehash-size, has
 * next_almost_prime (N / rehash-threshold) buckets, and files a hash under
 * {@code hash % buckets}.  Hashes are 64-bit words below 2^62.  A free
 * slot is what fns.c leaves there, because C reads it (comp.c skips the
 * slots of its function table whose value is Qunbound): its key is the
 * host's Qunbound, its value Qunbound if never used since the table was
 * made or grew, nil once removed or cleared, and nil in a table thawed from
 * the dump (pdumper's hash_table_contents); its hash is {@link
 * LiveTable#FREE}, which marks it free, where fns.c's is nil.
 *
 * <p>The rehash parameters use the C struct's encoding: {@code rehashSize}
 * is {@code -N} for an integer rehash-size N, or {@code factor - 1} for a
 * float factor; {@code rehashThreshold} is the float in (0, 1].
 */
public final class Emacs28 extends HostPolicy {
    /** The largest slot count a Java array-backed table can hold. */
    static final int MAX_SLOTS = Integer.MAX_VALUE - 8;

    /** Emacs's make-hash-table default: 65 slots. */
    static final int DEFAULT_SIZE = 65;
    /** Emacs's default rehash-size 1.5, in struct encoding. */
    static final float DEFAULT_REHASH_SIZE = 1.5f - 1;
    /** Emacs's default rehash-threshold. */
    static final float DEFAULT_REHASH_THRESHOLD = 0.8125f;

    /** UNBOUND: the bits of the host's Qunbound, never a live key. */
    public Emacs28(long unbound) {
        super(unbound);
    }

    @Override public int version() { return 28; }
    @Override int hashBytes() { return 8; }

    @Override
    void checkParameters(float rehashSize, float rehashThreshold) {
        if (!(rehashSize <= -1 || rehashSize > 0))
            throw new IllegalArgumentException("invalid rehash size " + rehashSize);
        if (!(rehashThreshold > 0 && rehashThreshold <= 1))
            throw new IllegalArgumentException("invalid rehash threshold " + rehashThreshold);
    }

    @Override int initialSize(long size) { return initial(size); }
    @Override int grownSize(int oldSize, float rehashSize) { return grown(oldSize, rehashSize); }
    @Override int indexSize(int size, float rehashThreshold) { return indexSizeOf(size, rehashThreshold); }
    @Override int indexBits(int indexSize) { return 0; }

    @Override
    int bucket(long hash, int indexSize) {
        return (int) (hash % indexSize);
    }

    @Override
    void checkHash(long hash) {
        if (hash < 0) throw new IllegalArgumentException("negative hash " + hash);
    }

    @Override long dumpedValue() { return 0; }
    @Override boolean marksFreeByHash() { return true; }

    /** make_hash_table: a size of 0 becomes 1. */
    static int initial(long size) {
        if (size < 0) throw new IllegalArgumentException("negative table size " + size);
        if (size > MAX_SLOTS) throw new TableTooLargeException(size);
        return size == 0 ? 1 : (int) size;
    }

    /** maybe_resize_hash_table: the size after growing a full table. */
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
    static int indexSizeOf(int size, float rehashThreshold) {
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
