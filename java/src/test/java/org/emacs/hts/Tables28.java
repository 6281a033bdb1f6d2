package org.emacs.hts;

/**
 * Tables under Emacs 28.2's policy in memory no C reads, for the tests
 * that specify what both hosts share: make-hash-table's defaults, and
 * {@link LiveTable#of} with 28.2's sizes.
 */
public final class Tables28 {
    /** The Java mock heap's Qunbound: an odd word no mock object has (fixnums are odd too, and never keys here). */
    public static final long UNBOUND = ModelTest.UNUSED;
    /** Emacs 28.2's policy with {@link #UNBOUND}. */
    public static final Emacs28 HOST = new Emacs28(UNBOUND);

    private Tables28() {}

    /** make-hash-table with Emacs's defaults: size 65, rehash-size 1.5, threshold 0.8125, not weak. */
    public static LiveTable create() {
        return create(Emacs28.DEFAULT_SIZE, Emacs28.DEFAULT_REHASH_SIZE,
                      Emacs28.DEFAULT_REHASH_THRESHOLD, Weakness.NONE);
    }

    /** make_hash_table under 28.2's sizes. */
    public static LiveTable create(long size, float rehashSize, float rehashThreshold, Weakness weakness) {
        return LiveTable.create(HOST, BlockPool.direct(), size, rehashSize, rehashThreshold, weakness);
    }

    /** {@link LiveTable#of} under 28.2's sizes. */
    public static LiveTable of(int size, long[] keys, long[] values, long[] hashes, int n,
                               float rehashSize, float rehashThreshold, Weakness weakness) {
        return LiveTable.of(HOST, BlockPool.direct(), size, keys, values, hashes, n, rehashSize,
                            rehashThreshold, weakness);
    }
}
