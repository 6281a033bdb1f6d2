package org.emacs.hts;

import static org.emacs.hts.Models.asList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where entries live: Emacs 28.2's slot order, free list, growth, clear and copy. */
class SlotOrderTest {
    private static LiveTable table(int size) {
        return Tables28.create(size, Emacs28.DEFAULT_REHASH_SIZE, Emacs28.DEFAULT_REHASH_THRESHOLD,
                                Weakness.NONE);
    }

    private static int put(LiveTable t, long key) {
        return t.insert(key, key + 1, key * 7);
    }

    @Test
    void aNewTableFillsSlotsInAscendingOrder() {
        LiveTable t = table(5);
        assertEquals(List.of(0, 1, 2, 3, 4), asList(t.freeList()));
        for (int k = 0; k < 5; k++) assertEquals(k, put(t, 100 + k));
        assertEquals(5, t.count());
        assertEquals(List.of(0, 1, 2, 3, 4), Models.liveSlots(t));
    }

    @Test
    void remhashThenPuthashReusesTheFreedSlotsLastInFirstOut() {
        LiveTable t = table(8);
        for (int k = 0; k < 6; k++) put(t, 100 + k);
        t.removeSlot(Lookup.eq(t, 101, 101 * 7));
        t.removeSlot(Lookup.eq(t, 104, 104 * 7));
        assertEquals(List.of(4, 1, 6, 7), asList(t.freeList()));
        assertEquals(4, put(t, 200));
        assertEquals(1, put(t, 201));
        assertEquals(6, put(t, 202));
        // maphash order is slot order, not insertion order, once slots are reused.
        Models.assertSlots(t, new long[] {100, 201, 102, 103, 200, 105, 202, 0});
    }

    @Test
    void aFullTableGrowsByTheFloatRehashSizeAndAppendsItsNewSlots() {
        LiveTable t = Tables28.create(65, Emacs28.DEFAULT_REHASH_SIZE, Emacs28.DEFAULT_REHASH_THRESHOLD,
                                       Weakness.NONE);
        for (int k = 0; k < 65; k++) put(t, k);
        assertEquals(65, t.size(), "no growth while a slot is free");
        assertEquals(65, put(t, 1000));
        assertEquals(97, t.size(), "65 * 1.5 = 97.5, truncated");
        assertEquals(31, t.freeList().length);
        assertEquals(66, t.freeList()[0]);
        assertEquals(96, t.freeList()[30]);
    }

    @Test
    void growthFollowsEmacsArithmetic() {
        assertEquals(97, Emacs28.grown(65, 0.5f));
        assertEquals(145, Emacs28.grown(97, 0.5f));
        assertEquals(217, Emacs28.grown(145, 0.5f));
        assertEquals(15, Emacs28.grown(10, -5f), "an integer rehash-size adds");
        assertEquals(2, Emacs28.grown(1, 0.1f), "1 * 1.1 truncates to 1, so grow by at least one");
        // :rehash-size 1.3 is stored as the float 0.3f; 100 * 1.3000000119... = 130.000001
        assertEquals(130, Emacs28.grown(100, (float) (1.3 - 1)));
        // A float cannot hold every integer: 16777217 is stored as -16777216.
        assertEquals(16777217, Emacs28.grown(1, (float) -16777217));
        assertEquals(1, Emacs28.initial(0), "make-hash-table :size 0 gives 1 slot");
        assertThrows(TableTooLargeException.class, () -> Emacs28.grown(Emacs28.MAX_SLOTS, 0.5f));
    }

    @Test
    void indexSizeIsTheNextAlmostPrimeAboveSizeOverThreshold() {
        assertEquals(83, Emacs28.indexSizeOf(65, 0.8125f), "65 / 0.8125 = 80 -> 81 = 3^4 -> 83");
        assertEquals(13, Emacs28.indexSizeOf(10, 0.8125f));
        assertEquals(1, Emacs28.indexSizeOf(1, 1f));
        assertEquals(121, Emacs28.nextAlmostPrime(120), "almost prime: 121 = 11^2 passes");
    }

    @Test
    void clrhashMakesTheFreeListAscendingAgain() {
        LiveTable t = table(4);
        for (int k = 0; k < 4; k++) put(t, k);
        t.removeSlot(2);
        t.clear();
        assertEquals(0, t.count());
        assertEquals(List.of(0, 1, 2, 3), asList(t.freeList()));
        assertEquals(-1, Lookup.eq(t, 1, 7));
    }

    @Test
    void clrhashOnAnEmptyTableKeepsItsLifoFreeList() {
        // Stock's oddity: hash_clear does nothing when count is 0.
        LiveTable t = table(4);
        put(t, 10);
        put(t, 11);
        t.removeSlot(0);
        t.removeSlot(1);
        t.clear();
        assertEquals(List.of(1, 0, 2, 3), asList(t.freeList()));
        assertEquals(1, put(t, 12));
    }

    @Test
    void copyHashTableKeepsSlotsFreeListAndIsIndependent() {
        LiveTable t = table(6);
        for (int k = 0; k < 5; k++) put(t, k);
        t.removeSlot(3);
        t.removeSlot(1);
        LiveTable c = t.copy();
        assertNotSame(t, c);
        assertEquals(asList(t.freeList()), asList(c.freeList()));
        assertEquals(Models.liveSlots(t), Models.liveSlots(c));
        assertEquals(asList(t.sweepOrder()), asList(c.sweepOrder()));
        for (int s : Models.liveSlots(t)) {
            assertEquals(t.key(s), c.key(s));
            assertEquals(t.value(s), c.value(s));
            assertEquals(t.hash(s), c.hash(s));
        }
        assertEquals(1, put(c, 50));
        assertFalse(t.isLive(1), "the original is untouched");
        c.setValue(0, 999);
        assertEquals(1, t.value(0));
    }

    @Test
    void puthashOnAnExistingKeyReplacesOnlyTheValue() {
        LiveTable t = table(4);
        int s = put(t, 42);
        t.setValue(Lookup.eq(t, 42, 42 * 7), 7);
        assertEquals(s, Lookup.eq(t, 42, 42 * 7));
        assertEquals(42, t.key(s));
        assertEquals(7, t.value(s));
        assertEquals(1, t.count());
    }

    @Test
    void freeSlotsCannotBeReadOrWritten() {
        LiveTable t = table(4);
        put(t, 1);
        assertThrows(IllegalArgumentException.class, () -> t.key(1));
        assertThrows(IllegalArgumentException.class, () -> t.value(-1));
        assertThrows(IllegalArgumentException.class, () -> t.setValue(3, 0));
        assertThrows(IllegalArgumentException.class, () -> t.removeSlot(2));
        assertThrows(IllegalArgumentException.class, () -> t.insert(5, 5, -3), "hashes are non-negative");
        assertTrue(t.isLive(0));
    }

    @Test
    void badRehashParametersAreRefused() {
        assertThrows(IllegalArgumentException.class,
                     () -> Tables28.create(4, 0f, 0.8f, Weakness.NONE));
        assertThrows(IllegalArgumentException.class,
                     () -> Tables28.create(4, 0.5f, 0f, Weakness.NONE));
        assertThrows(IllegalArgumentException.class,
                     () -> Tables28.create(4, 0.5f, 1.5f, Weakness.NONE));
        assertThrows(IllegalArgumentException.class,
                     () -> Tables28.create(-1, 0.5f, 0.8f, Weakness.NONE));
    }
}
