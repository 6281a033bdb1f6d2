package org.emacs.hts;

import static org.emacs.hts.Models.asList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Emacs 30's fns.c does that 28.2's does not, under the Emacs 30
 * policy: sizes, growth, buckets, 32-bit hashes, and what a free slot
 * holds.  The rules both share (slot order, LIFO reuse, clear, copy) are
 * ModelTest's, run on both policies.
 */
class Emacs30Test {
    private static final long UNUSED = ModelTest.UNUSED;
    private static final Emacs30 HOST = new Emacs30(UNUSED);

    private static LiveTable table(long size) {
        return LiveTable.create(HOST, BlockPool.direct(), size, 0, 0, Weakness.NONE);
    }

    @Test
    void makeHashTablesDefaultSize0HasNoSlotsAndOneBucket() {
        LiveTable t = table(0);
        assertEquals(0, t.size(), "(hash-table-size (make-hash-table)) is 0");
        assertEquals(1, t.indexSize(), "the shared {-1} index");
        assertEquals(0, t.freeList().length);
        assertEquals(0, t.insert(16, 1, 5));
        assertEquals(6, t.size(), "the first insert grows 0 to 6");
    }

    @Test
    void aFullTableGrows6To24To96Then192AndSoOn() {
        LiveTable t = table(0);
        List<Integer> sizes = new ArrayList<>();
        for (long k = 1; k <= 800; k++) {
            t.insert(8 * k, k, k * 2654435761L & 0xFFFF_FFFFL);
            if (sizes.isEmpty() || sizes.get(sizes.size() - 1) != t.size()) sizes.add(t.size());
        }
        assertEquals(List.of(6, 24, 96, 192, 384, 768, 1536), sizes);
        assertEquals(24, HOST.grownSize(1, 1.5f), "a size below 6 grows from a base of 6, times 4");
    }

    @Test
    void growthIgnoresTheRehashParameters() {
        LiveTable a = LiveTable.create(HOST, BlockPool.direct(), 10, -5f, 0.3f, Weakness.NONE);
        LiveTable b = LiveTable.create(HOST, BlockPool.direct(), 10, 0.5f, 1f, Weakness.NONE);
        for (long k = 1; k <= 11; k++) {
            a.insert(8 * k, k, k);
            b.insert(8 * k, k, k);
        }
        assertEquals(40, a.size(), "10 is at most 64: times 4");
        assertEquals(40, b.size());
        assertEquals(64, a.indexSize());
    }

    @Test
    void theIndexIsTheSmallestPowerOfTwoAboveTheSize() {
        assertEquals(1, HOST.indexSize(0, 0));
        assertEquals(2, HOST.indexSize(1, 0));
        assertEquals(8, HOST.indexSize(6, 0));
        assertEquals(16, HOST.indexSize(8, 0), "8 itself is not above 8");
        assertEquals(128, HOST.indexSize(96, 0));
        assertEquals(1 << 30, HOST.indexSize((1 << 30) - 1, 0));
        assertThrows(TableTooLargeException.class, () -> HOST.initialSize(1L << 30), "Hash table too large");
    }

    @Test
    void aHashGoesToTheBucketOfKnuthsMultiplicativeHash() {
        // (uint32) (hash * 2654435769) >> (32 - bits)
        assertEquals(0, HOST.bucket(0xFFFF_FFFFL, 1), "no bits: bucket 0");
        assertEquals(6, HOST.bucket(3, 8), "3 * alpha = 0xDAA66D2B mod 2^32: top 3 bits 110");
        assertEquals(3, HOST.bucket(0xFFFF_FFFFL, 8), "-alpha = 0x61C88647 mod 2^32: top 3 bits 011");
    }

    @Test
    void hashesAre32BitsAndAllOfThemAreKept() {
        LiveTable t = table(4);
        int s = t.insert(16, 1, 0xFFFF_FFFFL);
        assertEquals(0xFFFF_FFFFL, t.hash(s));
        assertEquals(s, Lookup.eq(t, 16, 0xFFFF_FFFFL));
        assertThrows(IllegalArgumentException.class, () -> t.insert(24, 1, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> t.insert(24, 1, -1));
    }

    @Test
    void aFreeSlotHoldsTheUnusedKeyAndNilOnceUsed() {
        LiveTable t = table(3);
        TableLayout p = t.memory();
        for (int i = 0; i < 3; i++) {
            assertEquals(UNUSED, p.key(i), "never used: HASH_UNUSED_ENTRY_KEY");
            assertEquals(UNUSED, p.value(i));
        }
        int a = t.insert(16, 160, 99);
        t.insert(24, 240, 98);
        t.removeSlot(a);
        assertFalse(t.isLive(a));
        assertEquals(UNUSED, p.key(a));
        assertEquals(0, p.value(a), "removed: nil");
        assertEquals(99, p.hash(a), "the hash is left as it was");
        assertEquals(List.of(0, 2), asList(t.freeList()));
        t.clear();
        assertEquals(0, p.value(1), "cleared: nil");
        assertEquals(98, p.hash(1));
        assertTrue(t.nextLive(0) < 0);
    }

    @Test
    void aKeyWhoseWordIsNilIsLive() {
        LiveTable t = table(2);
        int s = t.insert(0, 5, 1);
        assertTrue(t.isLive(s), "nil is a key like any other; only the unused key marks a free slot");
        assertEquals(List.of(s), Models.liveSlots(t));
    }

    @Test
    void aThawedTableHasNoFreeSlotAndItsFirstInsertGrowsIt() {
        LiveTable t = table(10);
        for (long k = 1; k <= 5; k++) t.insert(8 * k, k, k);
        t.removeSlot(1);
        LiveTable back = FrozenTable.freeze(t).thaw();
        assertEquals(4, back.size(), "hash_table_thaw: the size is the count");
        assertEquals(0, back.freeList().length);
        back.insert(800, 1, 1);
        assertEquals(24, back.size(), "4 is at most 64: base 6, times 4");
    }
}
