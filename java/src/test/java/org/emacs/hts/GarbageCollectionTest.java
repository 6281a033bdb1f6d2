package org.emacs.hts;

import static org.emacs.hts.MockHeap.fixnum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole collections on the mock heap: strong tables keep their entries alive,
 * unreachable tables are freed on both sides, and weak tables follow
 * alloc.c's fixpoint and fns.c's removal rule.
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
    void keyWeakEntriesGoWithTheirKeysAndKeepTheirValuesWhileTheyStay() {
        long t = tableWord(Weakness.KEY);
        long liveKey = heap.object(), deadKey = heap.object();
        long valueOfLive = heap.object(), valueOfDead = heap.object();
        put(t, liveKey, valueOfLive);
        put(t, deadKey, valueOfDead);
        put(t, fixnum(3), heap.object());      // fixnums never die
        heap.root(t);
        heap.root(liveKey);
        heap.collect();
        assertEquals(2, count(t));
        assertTrue(heap.alive(valueOfLive), "a kept entry's value is marked");
        assertFalse(heap.alive(deadKey));
        assertFalse(heap.alive(valueOfDead));
    }

    @Test
    void valueWeakEntriesGoWithTheirValues() {
        long t = tableWord(Weakness.VALUE);
        long k1 = heap.object(), k2 = heap.object(), liveValue = heap.object(), deadValue = heap.object();
        put(t, k1, liveValue);
        put(t, k2, deadValue);
        heap.root(t);
        heap.root(liveValue);
        heap.collect();
        assertEquals(1, count(t));
        assertTrue(heap.alive(k1), "the key of a kept entry is marked");
        assertFalse(heap.alive(k2));
    }

    @Test
    void keyOrValueEntriesStayWhileEitherHalfIsReachable() {
        long t = tableWord(Weakness.KEY_OR_VALUE);
        long k1 = heap.object(), v1 = heap.object();   // key reachable
        long k2 = heap.object(), v2 = heap.object();   // value reachable
        long k3 = heap.object(), v3 = heap.object();   // neither
        put(t, k1, v1);
        put(t, k2, v2);
        put(t, k3, v3);
        heap.root(t);
        heap.root(k1);
        heap.root(v2);
        heap.collect();
        assertEquals(2, count(t));
        assertTrue(heap.alive(v1) && heap.alive(k2), "kept entries keep both halves");
        assertFalse(heap.alive(k3) || heap.alive(v3));
    }

    @Test
    void keyAndValueEntriesStayOnlyWhileBothHalvesAreReachable() {
        long t = tableWord(Weakness.KEY_AND_VALUE);
        long k1 = heap.object(), v1 = heap.object();   // both reachable
        long k2 = heap.object(), v2 = heap.object();   // only the key
        put(t, k1, v1);
        put(t, k2, v2);
        heap.root(t);
        heap.root(k1);
        heap.root(v1);
        heap.root(k2);
        heap.collect();
        assertEquals(1, count(t));
        assertTrue(Lookup.eq(heap.tableOf(t), k1, k1 >>> 3) >= 0);
        assertFalse(heap.alive(v2));
    }

    @Test
    void chainsAcrossWeakTablesAreFollowedToTheFixpointInEitherOrder() {
        // alloc.c's own example, lengthened: key-weak tables where each entry's
        // value is the key of an entry in the next table.  Whichever order the
        // tables are visited in, the whole chain stays.
        for (boolean rootLastFirst : new boolean[] {false, true}) {
            Registry r = new Registry();
            MockHeap h = new MockHeap(r);
            int n = 6;
            long[] tables = new long[n];
            long[] links = new long[n + 1];
            for (int i = 0; i <= n; i++) links[i] = h.object();
            for (int i = 0; i < n; i++) {
                tables[i] = h.table(newTable(Weakness.KEY));
                h.tableOf(tables[i]).insert(links[i], links[i + 1], i);
                h.tableOf(tables[i]).insert(h.object(), h.object(), 100 + i);   // dies
            }
            for (int i = 0; i < n; i++) h.root(tables[rootLastFirst ? n - 1 - i : i]);
            h.root(links[0]);
            h.collect();
            for (int i = 0; i <= n; i++) assertTrue(h.alive(links[i]), "link " + i + " order " + rootLastFirst);
            for (int i = 0; i < n; i++) assertEquals(1, h.tableOf(tables[i]).count());
        }
    }

    @Test
    void aWeakTableReachedOnlyThroughAnotherWeakTablesValueJoinsTheFixpoint() {
        long outer = tableWord(Weakness.KEY);
        long inner = tableWord(Weakness.VALUE);
        long k = heap.object(), v = heap.object();
        put(outer, k, inner);
        put(inner, fixnum(1), v);
        heap.root(outer);
        heap.root(k);
        heap.root(v);
        heap.collect();
        assertTrue(heap.alive(inner));
        assertEquals(1, count(inner));
        heap.unroot(v);
        heap.collect();
        assertEquals(0, count(inner), "inner's value died");
        heap.unroot(k);
        heap.collect();
        assertFalse(heap.alive(inner));
    }

    @Test
    void weakRemovalFreesSlotsInEmacsBucketOrder() {
        // Stock frees dead slots walking buckets 0..n-1 and each chain; the free
        // list, and so where the next puthash lands, follows that order.
        LiveTable t = newTable(Weakness.KEY);            // 8 slots, 11 buckets
        ReferenceTable ref = new Reference28(8, 0.5f, 0.8125f);
        long tw = heap.table(t);
        long[] hashes = {9, 2, 20, 5, 13, 2, 0};         // 9 and 20 share bucket 9; 2 and 13 bucket 2
        long[] keys = new long[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            keys[i] = heap.object();
            t.insert(keys[i], fixnum(i), hashes[i]);
            ref.put(keys[i], fixnum(i), hashes[i]);
        }
        heap.root(tw);
        heap.root(keys[3]);
        heap.collect();
        boolean[] dead = new boolean[8];
        for (int i = 0; i < hashes.length; i++) dead[i] = i != 3;
        ref.sweepRemove(dead);
        Models.assertMatches(ref, t, "after weak sweep");
        // Buckets 0: [6]; 2: [5 4 1]; 5: [3] kept; 9: [2 0]. Each freed slot is pushed on the head.
        assertEquals(List.of(0, 2, 1, 4, 5, 6, 7), Models.asList(t.freeList()));
    }

    @Test
    void weakTablesCostAFixedNumberOfHeapCallsWhateverTheirNumberAndSize() {
        int[][] shapes = {{1, 1}, {1, 5000}, {40, 1}, {40, 200}};  // tables, entries each
        int[] calls = new int[shapes.length];
        for (int s = 0; s < shapes.length; s++) {
            Registry r = new Registry();
            MockHeap h = new MockHeap(r);
            List<Long> keep = new ArrayList<>();
            List<Long> tables = new ArrayList<>();
            for (int n = 0; n < shapes[s][0]; n++) {
                long t = h.table(Tables28.create(8, 0.5f, 0.8125f, Weakness.KEY));
                for (int i = 0; i < shapes[s][1]; i++) {
                    long k = h.object();
                    h.tableOf(t).insert(k, h.object(), i);
                    if (i % 2 == 0) keep.add(k);
                }
                h.root(t);
                tables.add(t);
            }
            for (long k : keep) h.root(k);
            h.collect();
            for (long t : tables) assertEquals((shapes[s][1] + 1) / 2, h.tableOf(t).count());
            calls[s] = h.surviveCalls + h.markCalls;
        }
        // Pass 1 asks about every table at once and marks the kept entries'
        // values; pass 2 asks and marks nothing; the removal uses its answers.
        assertEquals(3, calls[0]);
        for (int c : calls) assertEquals(calls[0], c);
    }

    @Test
    void strongTablesNeverCallTheHeapBack() {
        long t = tableWord(Weakness.NONE);
        for (int i = 0; i < 100; i++) put(t, heap.object(), heap.object());
        heap.root(t);
        heap.collect();
        assertEquals(0, heap.surviveCalls + heap.markCalls);
        assertEquals(100, count(t));
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
