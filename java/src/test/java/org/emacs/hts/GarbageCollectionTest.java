package org.emacs.hts;

import static org.emacs.hts.MockHeap.fixnum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole collections on the mock heap: strong tables keep their entries alive,
 * unreachable tables are freed on both sides, and weak tables give up the
 * entries the shim's weak phases find dead, in stock's order.  Those phases
 * run in C over the tables' layouts; test-fixtures/test_gc.c tests them.
 */
class GarbageCollectionTest {
    private final Registry registry = new Registry();
    private final MockHeap heap = new MockHeap(registry);

    private static LiveTable newTable(Weakness w) {
        return Tables28.create(8, 0.5f, 0.8125f, w);
    }

    private long tableWord(Weakness w) {
        return heap.table(newTable(w));
    }

    private void put(long tableWord, long key, long value) {
        heap.tableOf(tableWord).insert(key, value, key >>> 3);
    }

    private int count(long tableWord) {
        return heap.tableOf(tableWord).count();
    }

    @Test
    void aReachableStrongTableKeepsItsKeysAndValuesAlive() {
        long t = tableWord(Weakness.NONE);
        long k = heap.object(), v = heap.object(heap.object());
        put(t, k, v);
        heap.root(t);
        heap.collect();
        assertTrue(heap.alive(k));
        assertTrue(heap.alive(v));
        assertEquals(1, count(t));
    }

    @Test
    void anUnreachableTableIsFreedInTheHeapAndDroppedInTheRegistry() {
        long t = tableWord(Weakness.NONE);
        long k = heap.object();
        put(t, k, fixnum(1));
        long handle = heap.handle(t);
        heap.collect();
        assertFalse(heap.alive(t));
        assertFalse(heap.alive(k));
        assertFalse(registry.isLive(handle));
        assertEquals(0, registry.stats().liveTables());
        assertEquals(1, registry.stats().droppedLastGc());
    }

    @Test
    void tablesThatAreKeysAndValuesOfEachOtherLiveAndDieTogether() {
        long a = tableWord(Weakness.NONE), b = tableWord(Weakness.NONE);
        put(a, b, a);
        put(b, a, b);
        long c = tableWord(Weakness.NONE), d = tableWord(Weakness.NONE);
        put(c, d, fixnum(0));
        put(d, fixnum(0), c);
        heap.root(a);
        heap.collect();
        assertTrue(heap.alive(a) && heap.alive(b));
        assertFalse(heap.alive(c) || heap.alive(d), "an unreachable cycle of tables is collected");
        heap.unroot(a);
        heap.collect();
        assertEquals(0, registry.stats().liveTables());
    }

    @Test
    void aWeakTableIsMarkedButItsEntriesWaitForTheWeakPhases() {
        // The shim's weak phases (native/weak.c, tested on the C mock heap)
        // decide which entries stay; until then marking a weak table keeps
        // the table, not its keys and values.
        long t = tableWord(Weakness.KEY);
        assertFalse(registry.mark(heap.handle(t)), "a weak table's entries are not marked with it");
        assertTrue(registry.isMarked(heap.handle(t)));
        long s = tableWord(Weakness.NONE);
        assertTrue(registry.mark(heap.handle(s)), "a strong table's are");
        assertFalse(registry.mark(heap.handle(s)), "once per GC");
        registry.sweep();
        assertTrue(registry.isLive(heap.handle(t)) && registry.isLive(heap.handle(s)));
    }

    @Test
    void weakRemovalFreesSlotsInTheOrderGivenWhichIsEmacsBucketOrder() {
        // Stock frees dead slots walking buckets 0..n-1 and each chain; the free
        // list, and so where the next puthash lands, follows that order.
        LiveTable t = newTable(Weakness.KEY);            // 8 slots, 11 buckets
        ReferenceTable ref = new Reference28(8, 0.5f, 0.8125f);
        long[] hashes = {9, 2, 20, 5, 13, 2, 0};         // 9 and 20 share bucket 9; 2 and 13 bucket 2
        for (int i = 0; i < hashes.length; i++) {
            long key = heap.object();
            t.insert(key, fixnum(i), hashes[i]);
            ref.put(key, fixnum(i), hashes[i]);
        }
        boolean[] dead = new boolean[8];
        for (int i = 0; i < hashes.length; i++) dead[i] = i != 3;
        long[] slots = Models.deadInSweepOrder(t, dead);
        assertEquals(6, t.removeSlots(slots, 0, slots.length));
        ref.sweepRemove(dead);
        Models.assertMatches(ref, t, "after weak sweep");
        // Buckets 0: [6]; 2: [5 4 1]; 5: [3] kept; 9: [2 0]. Each freed slot is pushed on the head.
        assertEquals(List.of(0, 2, 1, 4, 5, 6, 7), Models.asList(t.freeList()));
    }

    @Test
    void weakRemovalRefusesASlotThatIsNotLive() {
        LiveTable t = newTable(Weakness.KEY);
        t.insert(heap.object(), fixnum(1), 1);
        assertThrows(IllegalArgumentException.class, () -> t.removeSlots(new long[] {5}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> t.removeSlots(new long[] {0, 0}, 0, 2),
                     "a slot twice");
    }

    @Test
    void manyGenerationsOfTablesReturnTheRegistryToItsBaseline() {
        long keeper = tableWord(Weakness.NONE);
        heap.root(keeper);
        heap.collect();
        StoreStats baseline = registry.stats();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 200; i++) {
                long t = tableWord(Weakness.values()[i % 5]);
                put(t, heap.object(), fixnum(i));
                if (i % 50 == 0) put(keeper, fixnum(round * 1000 + i), t);
            }
            heap.tableOf(keeper).clear();
            heap.collect();
        }
        heap.collect();
        assertEquals(baseline.liveTables(), registry.stats().liveTables());
        assertEquals(1, heap.objectCount(), "only the keeper is left");
        assertEquals(50L * 200, registry.stats().droppedTotal());
    }
}
