package org.emacs.hts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * maphash under mutation.  Fmaphash re-reads the size and each key as it goes
 * and never signals, so FUNCTION may puthash, remhash or clrhash freely:
 * removed, not-yet-visited entries are skipped; a new key is visited iff it
 * lands in a slot after the current one (grown slots included); value changes
 * are seen.  The store's "next live slot at or after i" cursor must visit
 * exactly what Emacs's loop visits; each case runs on the store and on the
 * reference model, and the visits (and the values seen) must agree.
 */
class CursorTest {
    /** What FUNCTION does on visiting a slot: it gets the slot and a table-agnostic mutator. */
    private interface Body extends BiConsumer<Integer, Mutator> {}

    private interface Mutator {
        void put(long key);
        void remove(long key);
        void setValue(long key, long value);
        void clear();
    }

    private static long hashOf(long key) {
        return key % 5;   // many collisions
    }

    private static List<String> mapStore(LiveTable t, Body body) {
        Mutator m = new Mutator() {
            public void put(long k) {
                int s = Lookup.eq(t, k, hashOf(k));
                if (s >= 0) t.setValue(s, k);
                else t.insert(k, k, hashOf(k));
            }
            public void remove(long k) { Models.remhashEq(t, k, hashOf(k)); }
            public void setValue(long k, long v) { t.setValue(Lookup.eq(t, k, hashOf(k)), v); }
            public void clear() { t.clear(); }
        };
        List<String> seen = new ArrayList<>();
        for (int i = t.nextLive(0); i >= 0; i = t.nextLive(i + 1)) {
            seen.add(i + ":" + t.key(i) + "=" + t.value(i));
            body.accept(i, m);
        }
        return seen;
    }

    private static List<String> mapReference(ReferenceTable r, Body body) {
        Mutator m = new Mutator() {
            public void put(long k) {
                int s = r.lookupEq(k, hashOf(k));
                if (s >= 0) r.value.set(s, k);
                else r.put(k, k, hashOf(k));
            }
            public void remove(long k) { r.removeEq(k, hashOf(k)); }
            public void setValue(long k, long v) { r.value.set(r.lookupEq(k, hashOf(k)), v); }
            public void clear() { r.clear(); }
        };
        List<String> seen = new ArrayList<>();
        // Fmaphash, verbatim: for (i = 0; i < HASH_TABLE_SIZE (h); ++i) if key bound, call.
        for (int i = 0; i < r.size(); ++i)
            if (r.key.get(i) != null) {
                seen.add(i + ":" + r.key.get(i) + "=" + r.value.get(i));
                body.accept(i, m);
            }
        return seen;
    }

    /** Runs one case on both, from the same starting table, and compares. */
    private static List<String> check(int size, long[] keys, long[] removed, Body body) {
        LiveTable t = Tables28.create(size, -2f, 0.8125f, Weakness.NONE);
        ReferenceTable r = new Reference28(size, -2f, 0.8125f);
        for (long k : keys) {
            t.insert(k, k, hashOf(k));
            r.put(k, k, hashOf(k));
        }
        for (long k : removed) {
            Models.remhashEq(t, k, hashOf(k));
            r.removeEq(k, hashOf(k));
        }
        List<String> expected = mapReference(r, body);
        List<String> actual = mapStore(t, body);
        assertEquals(expected, actual);
        Models.assertMatches(r, t, "after maphash");
        return actual;
    }

    @Test
    void removingAnEntryNotYetVisitedSkipsIt() {
        List<String> seen = check(6, new long[] {10, 11, 12, 13}, new long[] {},
                                  (slot, m) -> { if (slot == 0) m.remove(12); });
        assertEquals(List.of("0:10=10", "1:11=11", "3:13=13"), seen);
    }

    @Test
    void removingTheCurrentEntryContinuesWithTheNext() {
        List<String> seen = check(6, new long[] {10, 11, 12}, new long[] {},
                                  (slot, m) -> m.remove(10 + slot));
        assertEquals(3, seen.size());
    }

    @Test
    void aNewKeyInALaterSlotIsVisited() {
        List<String> seen = check(6, new long[] {10, 11}, new long[] {},
                                  (slot, m) -> { if (slot == 0) m.put(20); });
        assertEquals(List.of("0:10=10", "1:11=11", "2:20=20"), seen);
    }

    @Test
    void aNewKeyInAnEarlierFreedSlotIsNotVisited() {
        // Slot 0 is freed, so the LIFO free list puts the new key behind the cursor.
        List<String> seen = check(6, new long[] {10, 11, 12, 13}, new long[] {},
                                  (slot, m) -> {
                                      if (slot == 2) {
                                          m.remove(10);
                                          m.put(20);
                                      }
                                  });
        assertEquals(List.of("0:10=10", "1:11=11", "2:12=12", "3:13=13"), seen);
    }

    @Test
    void growingDuringMaphashVisitsTheAppendedSlots() {
        List<String> seen = check(3, new long[] {10, 11, 12}, new long[] {},
                                  (slot, m) -> {
                                      if (slot == 1) {
                                          m.put(20);
                                          m.put(21);
                                      }
                                  });
        assertEquals(List.of("0:10=10", "1:11=11", "2:12=12", "3:20=20", "4:21=21"), seen);
    }

    @Test
    void clrhashDuringMaphashEndsTheWalk() {
        List<String> seen = check(6, new long[] {10, 11, 12}, new long[] {},
                                  (slot, m) -> { if (slot == 0) m.clear(); });
        assertEquals(List.of("0:10=10"), seen);
    }

    @Test
    void clrhashThenPuthashRefillsFromSlotZero() {
        // After clrhash the free list is 0, 1, 2...: new keys land behind the
        // cursor first, and only the later ones are visited.
        List<String> seen = check(6, new long[] {10, 11, 12}, new long[] {},
                                  (slot, m) -> {
                                      if (slot == 1) {
                                          m.clear();
                                          m.put(20);
                                          m.put(21);
                                          m.put(22);
                                      }
                                  });
        assertEquals(List.of("0:10=10", "1:11=11", "2:22=22"), seen);
    }

    @Test
    void aValueChangedAheadOfTheCursorIsSeen() {
        List<String> seen = check(6, new long[] {10, 11, 12}, new long[] {},
                                  (slot, m) -> { if (slot == 0) m.setValue(12, 99); });
        assertEquals(List.of("0:10=10", "1:11=11", "2:12=99"), seen);
    }

    @Test
    void holesLeftByRemhashAreSkipped() {
        List<String> seen = check(6, new long[] {10, 11, 12, 13}, new long[] {11, 12},
                                  (slot, m) -> {});
        assertEquals(List.of("0:10=10", "3:13=13"), seen);
    }
}
