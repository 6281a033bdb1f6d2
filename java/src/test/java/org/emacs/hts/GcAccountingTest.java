package org.emacs.hts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What the host counts toward its GC for a table: the four vectors stock
 * Emacs 28.2 would allocate for its entries (key_and_value, hash, next and
 * index: a header word and their elements each), read from the size and
 * index size the store publishes.  The shape changes when a table is made,
 * copied, grown or imported, to stock's, and never on a lookup, a walk, a
 * set value, a remove or a clear, so reads and writes that allocate
 * nothing in stock count nothing.
 */
class GcAccountingTest {
    /** The words of stock's four vectors for T's shape. */
    private static long stockWords(LiveTable t) {
        return 4 + 2L * t.size() + t.size() + t.size() + t.indexSize();
    }

    private static LiveTable table(long size, float rehashSize, float threshold) {
        return Tables28.create(size, rehashSize, threshold, Weakness.NONE);
    }

    @Test
    void aNewTableWeighsStocksFourVectors() {
        LiveTable t = table(65, Emacs28.DEFAULT_REHASH_SIZE, Emacs28.DEFAULT_REHASH_THRESHOLD);
        assertEquals(4 + 4 * 65 + 83, stockWords(t), "index: next_almost_prime (65 / 0.8125) = 83");
        assertEquals(4 + 4 * 1 + 1, stockWords(table(0, Emacs28.DEFAULT_REHASH_SIZE,
                                                     Emacs28.DEFAULT_REHASH_THRESHOLD)),
                     ":size 0 makes one slot, and 1 / 0.8125 one bucket");
    }

    @Test
    void readsSetValuesRemovesAndClearsKeepTheShape() {
        LiveTable t = table(65, Emacs28.DEFAULT_REHASH_SIZE, Emacs28.DEFAULT_REHASH_THRESHOLD);
        long before = stockWords(t);
        for (long k = 0; k < 65; k++) t.insert(k, k, k);
        t.setValue(Lookup.eq(t, 3, 3), 33);
        Lookup.next(t, 7, 7, -1);
        for (int s = t.nextLive(0); s >= 0; s = t.nextLive(s + 1)) t.value(s);
        t.removeSlot(Lookup.eq(t, 5, 5));
        t.insert(5, 5, 5);
        t.clear();
        t.clear();
        assertEquals(before, stockWords(t));
    }

    @Test
    void growthCountsTheGrownVectorsAndACopyCountsItsOwn() {
        LiveTable t = table(65, Emacs28.DEFAULT_REHASH_SIZE, Emacs28.DEFAULT_REHASH_THRESHOLD);
        for (long k = 0; k < 66; k++) t.insert(k, k, k);
        assertEquals(97, t.size());
        assertEquals(4 + 4 * 97 + 121, stockWords(t), "index: 97 / 0.8125 = 119 = 7 * 17 -> 121");
        assertEquals(stockWords(t), stockWords(t.copy()));

        // An integer rehash-size (-5 in the struct's encoding) adds 5 slots.
        LiveTable u = table(10, -5f, 0.5f);
        assertEquals(4 + 4 * 10 + 23, stockWords(u), "index: 20 -> 21 = 3 * 7 -> 23");
        for (long k = 0; k < 11; k++) u.insert(k, k, k);
        assertEquals(4 + 4 * 15 + 31, stockWords(u));
    }

    @Test
    void anImportHasTheShapeOfStocksThaw() {
        long[] kv = {1, 2, 3, 4, 5, 6};
        long[] hashes = {1, 3, 5};
        LiveTable t = LiveTable.imported(Tables28.HOST, BlockPool.direct(), 10, kv, hashes, 3,
                                         Emacs28.DEFAULT_REHASH_SIZE, Emacs28.DEFAULT_REHASH_THRESHOLD,
                                         Weakness.NONE, true);
        assertEquals(4 + 4 * 10 + 13, stockWords(t), "index: 10 / 0.8125 = 12 -> 13");
    }
}
