package org.emacs.hts;

/**
 * Emacs 30's sizing, from its fns.c: a table is as big as asked (0 stays
 * 0: make-hash-table's default), grows only when full, 0 to 6, then
 * fourfold while at most 64, then twofold; it has the smallest power of
 * two above its size as buckets ({@code compute_hash_index_bits}) and files
 * a hash under {@code knuth_hash}.  Hashes are 32-bit (hash_hash_t).  The
 * rehash parameters are accepted and ignored, as 30 ignores them.  A free
 * slot's key is the host's HASH_UNUSED_ENTRY_KEY, its value that word if
 * never used and nil once removed or cleared, and its hash is left as it
 * was.  A thawed table has no free slot (30's hash_table_thaw makes it as
 * big as its count).
 */
public final class Emacs30 extends HostPolicy {
    /** compute_hash_index_bits refuses an index of more than INT32_MAX buckets. */
    static final int MAX_INDEX_BITS = 30;

    /** UNUSEDKEY: the bits of the host's HASH_UNUSED_ENTRY_KEY, never a live key. */
    public Emacs30(long unusedKey) {
        super(unusedKey);
    }

    @Override public int version() { return 30; }
    @Override int hashBytes() { return 4; }
    @Override void checkParameters(float rehashSize, float rehashThreshold) {}

    @Override
    int initialSize(long size) {
        if (size < 0) throw new IllegalArgumentException("negative table size " + size);
        indexBitsFor(size);
        return (int) size;
    }

    @Override
    int grownSize(int oldSize, float rehashSize) {
        long base = Math.max(oldSize, 6);
        long newSize = oldSize == 0 ? 6 : base <= 64 ? base * 4 : base * 2;
        indexBitsFor(newSize);
        return (int) newSize;
    }

    @Override
    int indexSize(int size, float rehashThreshold) {
        return 1 << indexBitsFor(size);
    }

    @Override
    int indexBits(int indexSize) {
        return Integer.numberOfTrailingZeros(indexSize);
    }

    /** knuth_hash: the top INDEX_BITS bits of the 32-bit product; bits 0 gives bucket 0. */
    @Override
    int bucket(long hash, int indexSize) {
        long product = ((int) hash * 0x9E3779B9) & 0xFFFF_FFFFL;
        return (int) (product >>> (32 - Integer.numberOfTrailingZeros(indexSize)));
    }

    @Override
    void checkHash(long hash) {
        if (hash >>> 32 != 0) throw new IllegalArgumentException("hash " + hash + " is not 32 bits");
    }

    @Override long dumpedValue() { return unusedKey(); }
    @Override boolean marksFreeByHash() { return false; }

    /** compute_hash_index_bits: elogb (size) + 1, or "Hash table too large". */
    static int indexBitsFor(long size) {
        int bits = 64 - Long.numberOfLeadingZeros(size);   // elogb (size) + 1; 0 for 0
        if (bits > MAX_INDEX_BITS) throw new TableTooLargeException(size);
        return bits;
    }
}
