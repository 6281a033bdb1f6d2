package org.emacs.hts;

import static org.emacs.hts.Models.asList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Freeze and thaw (pdumper's hash_table_contents / hash_table_thaw, and
 * purecopy): a frozen snapshot offers no mutation, any thread may read
 * it, and it thaws into a live table with the same slots.
 */
class FreezeThawTest {
    /** A table with holes: keys 0..9 inserted, then 2, 5 and 7 removed. */
    private static LiveTable withHoles() {
        LiveTable t = Tables28.create(12, 0.5f, 0.8125f, Weakness.NONE);
        for (long k = 0; k < 10; k++) t.insert(k << 3, k * 100, k % 4);
        for (long k : new long[] {2, 5, 7}) t.removeSlot(Lookup.eq(t, k << 3, k % 4));
        t.insert(50 << 3, 5000, 1);   // lands in slot 7, the last freed
        return t;
    }

    @Test
    void freezingCompactsLiveEntriesToTheFrontInSlotOrder() {
        LiveTable t = withHoles();
        FrozenTable f = FrozenTable.freeze(t);
        assertEquals(t.size(), f.size());
        assertEquals(8, f.count());
        List<Long> expected = new ArrayList<>();
        for (int s : Models.liveSlots(t)) expected.add(t.key(s));
        List<Long> actual = new ArrayList<>();
        for (int s = 0; s < f.count(); s++) actual.add(f.key(s));
        assertEquals(expected, actual);
        assertThrows(IllegalArgumentException.class, () -> f.key(8), "slots 0..7 only");
        assertEquals(50L << 3, f.key(5), "slot 7 held 50; live slots were 0 1 3 4 6 7 8 9, so it moves to 5");
    }

    @Test
    void thawGivesSlotsZeroToNAndAnAscendingFreeList() {
        LiveTable t = withHoles();
        LiveTable back = FrozenTable.freeze(t).thaw();
        assertEquals(12, back.size());
        assertEquals(8, back.count());
        assertEquals(List.of(8, 9, 10, 11), asList(back.freeList()));
        for (int s = 0; s < 8; s++) assertEquals(s, Lookup.eq(back, back.key(s), back.hash(s)));
    }

    @Test
    void aFreezeThawRoundTripIsAPdumpRoundTrip() {
        LiveTable t = Tables28.create(12, 0.5f, 0.8125f, Weakness.NONE);
        ReferenceTable ref = new Reference28(12, 0.5f, 0.8125f);
        for (long k = 0; k < 10; k++) {
            t.insert(k << 3, k * 100, k % 4);
            ref.put(k << 3, k * 100, k % 4);
        }
        for (long k : new long[] {2, 5, 7}) {
            t.removeSlot(Lookup.eq(t, k << 3, k % 4));
            ref.removeEq(k << 3, k % 4);
        }
        Models.assertMatches(ref.dumpAndLoad(), FrozenTable.freeze(t).thaw(), "after dump and load");
    }

    @Test
    void aFullTableThawsWithNoFreeSlotAndGrowsOnTheNextInsert() {
        LiveTable t = Tables28.create(4, -2f, 0.8125f, Weakness.NONE);
        for (long k = 0; k < 4; k++) t.insert(k, k, k);
        LiveTable back = FrozenTable.freeze(t).thaw();
        assertEquals(0, back.freeList().length);
        assertEquals(4, back.insert(99, 99, 99));
        assertEquals(6, back.size());
    }

    @Test
    void thawingWithNewHashesRehashesAsAfterAPdumpLoad() {
        FrozenTable f = FrozenTable.freeze(withHoles());
        long[] moved = new long[f.count()];
        for (int i = 0; i < moved.length; i++) moved[i] = 1000 + i;
        LiveTable back = f.thaw(moved);
        for (int s = 0; s < moved.length; s++) {
            assertEquals(s, Lookup.eq(back, f.key(s), 1000 + s));
            assertEquals(1000 + s, back.hash(s));
        }
        assertThrows(IllegalArgumentException.class, () -> f.thaw(new long[2]));
    }

    @Test
    void aThawedTableAnswersLookupsLikeTheTableItCameFrom() {
        LiveTable t = withHoles();
        LiveTable back = FrozenTable.freeze(t).thaw();
        for (long k = 0; k < 10; k++) {
            boolean present = Lookup.eq(t, k << 3, k % 4) >= 0;
            assertEquals(present, Lookup.eq(back, k << 3, k % 4) >= 0, "key " + k);
            assertEquals(Models.probeAll(t, -8, k % 4).size(), Models.probeAll(back, -8, k % 4).size());
        }
    }

    @Test
    void bulkDataBecomesAFrozenTable() {
        FrozenTable f = FrozenTable.of(10, new long[] {8, 16, 24}, new long[] {1, 2, 3}, new long[] {1, 2, 3}, 3,
                                       0.5f, 0.8125f, Weakness.KEY);
        assertEquals(3, f.count());
        assertEquals(Weakness.KEY, f.weakness());
        assertEquals(16, f.key(1));
        LiveTable live = f.thaw();
        assertEquals(1, Lookup.eq(live, 16, 2));
        assertEquals(Weakness.KEY, live.weakness());
        assertEquals(3, live.insert(32, 4, 4));
        assertThrows(IllegalArgumentException.class,
                     () -> FrozenTable.of(2, new long[3], new long[3], new long[3], 3, 0.5f, 0.8125f, Weakness.NONE));
    }

    @Test
    void frozenTablesOfferNoMutation() {
        Set<String> mutators = Set.of("insert", "setValue", "removeSlot", "clear");
        for (Class<?> c : new Class<?>[] {FrozenTable.class, TableView.class})
            for (Method m : c.getMethods())
                if (Modifier.isPublic(m.getModifiers()))
                    assertTrue(!mutators.contains(m.getName()), c.getSimpleName() + " exposes " + m.getName());
    }

    @Test
    void anyThreadMayReadAFrozenTable() throws Exception {
        FrozenTable f = FrozenTable.freeze(withHoles());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int i = 0; i < 8; i++)
                sums.add(pool.submit(() -> {
                    long sum = 0;
                    for (int round = 0; round < 1000; round++)
                        for (int s = 0; s < f.count(); s++)
                            sum += f.value(s) + f.key(s) - f.key(s) + 0 * f.hash(s);
                    return sum;
                }));
            long expected = 1000L * (0 + 100 + 300 + 400 + 600 + 800 + 900 + 5000);
            for (Future<Long> s : sums) assertEquals(expected, s.get());
        } finally {
            pool.shutdown();
        }
    }
}
