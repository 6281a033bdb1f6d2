package org.emacs.hts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The managed-object registry: handles, mark, sweep and its counters. */
class RegistryTest {
    private final Registry registry = new Registry();

    private static LiveTable withEntries(int n) {
        LiveTable t = Tables28.create();
        for (int i = 0; i < n; i++) t.insert(MockHeap.fixnum(i), MockHeap.fixnum(i * 10), i);
        return t;
    }

    @Test
    void sweepDropsExactlyTheTablesNotMarkedSinceTheLastSweep() {
        List<Long> handles = new ArrayList<>();
        for (int i = 0; i < 10; i++) handles.add(registry.manage(withEntries(i), 8 * i));
        for (int i = 0; i < 10; i += 3) registry.mark(handles.get(i));
        assertEquals(6, registry.sweep());
        for (int i = 0; i < 10; i++) assertEquals(i % 3 == 0, registry.isLive(handles.get(i)), "table " + i);

        // Marks are cleared by the sweep: what is not marked again goes next time.
        registry.mark(handles.get(3));
        assertEquals(3, registry.sweep());
        assertTrue(registry.isLive(handles.get(3)));
        assertFalse(registry.isLive(handles.get(0)));
    }

    @Test
    void theFirstMarkOfAStrongTableAsksTheCallerToMarkItsEntries() {
        long h = registry.manage(withEntries(3), 8);
        assertTrue(registry.mark(h));
        assertFalse(registry.mark(h), "already marked in this GC");
        assertTrue(registry.isMarked(h));
    }

    @Test
    void aWeakTableWaitsForTheWeakPhases() {
        LiveTable t = Tables28.create(4, 0.5f, 0.8125f, Weakness.KEY);
        t.insert(16, 24, 1);
        long h = registry.manage(t, 8);
        assertFalse(registry.mark(h));
        assertTrue(registry.isMarked(h));
    }

    @Test
    void theSweepsBatchMarksEachTableAndRefusesAStaleHandle() {
        long a = registry.manage(withEntries(1), 8), b = registry.manage(withEntries(2), 16);
        long c = registry.manage(withEntries(3), 24);
        registry.markAll(new long[] {a, c, a}, 3);
        assertTrue(registry.isMarked(a) && registry.isMarked(c));
        assertFalse(registry.isMarked(b));
        assertEquals(1, registry.sweep());
        assertFalse(registry.isLive(b));
        assertThrows(StaleHandleException.class, () -> registry.markAll(new long[] {a, b}, 2));
    }

    @Test
    void onlyATablesFirstMarkInAGcHandsItBack() {
        LiveTable t = withEntries(1);
        long h = registry.manage(t, 8);
        assertSame(t, registry.markFirst(h));
        assertEquals(null, registry.markFirst(h), "marked already: it has joined");
        registry.sweep();
        assertSame(t, registry.markFirst(h), "a sweep clears the marks");
    }

    @Test
    void aDroppedHandleIsStaleEvenWhenItsIndexIsReused() {
        long a = registry.manage(withEntries(1), 8);
        registry.sweep();
        assertThrows(StaleHandleException.class, () -> registry.table(a));
        assertThrows(StaleHandleException.class, () -> registry.mark(a));
        long b = registry.manage(withEntries(2), 16);
        assertNotEquals(a, b);
        assertEquals((int) a, (int) b, "same index, new generation");
        assertThrows(StaleHandleException.class, () -> registry.table(a));
        assertEquals(2, registry.table(b).count());
        assertThrows(StaleHandleException.class, () -> registry.table(0));
        assertThrows(StaleHandleException.class, () -> registry.table(12345));
    }

    @Test
    void pureTablesAreNeverSweptNorChanged() {
        LiveTable pure = withEntries(4).makePure();
        long h = registry.managePure(pure, 8);
        registry.sweep();
        registry.sweep();
        assertSame(pure, registry.table(h));
        assertThrows(IllegalArgumentException.class, () -> registry.table(h).insert(99, 99, 99),
                     "a pure table is not mutable");
        assertEquals(4, registry.table(h).copy().insert(99, 99, 99), "its copy is");
        assertThrows(IllegalArgumentException.class, () -> registry.managePure(withEntries(1), 16));
    }

    @Test
    void droppingATableFreesItsMemory() {
        LiveTable t = withEntries(2);
        long h = registry.manage(t, 8);
        registry.sweep();
        assertFalse(registry.isLive(h));
        assertThrows(NullPointerException.class, () -> t.nextLive(0), "its arrays are gone");
    }

    @Test
    void freeDropsOneTableAtOnce() {
        long a = registry.manage(withEntries(1), 8);
        long b = registry.manage(withEntries(1), 16);
        registry.free(a);
        assertFalse(registry.isLive(a));
        assertTrue(registry.isLive(b));
        assertThrows(StaleHandleException.class, () -> registry.free(a));
    }

    @Test
    void theFiguresCountTablesEntriesMemoryGcsAndDrops() {
        long a = registry.manage(withEntries(5), 8);
        long b = registry.manage(withEntries(7), 16);
        LiveTable weak = Tables28.create(4, 0.5f, 0.8125f, Weakness.KEY);
        registry.manage(weak, 24);
        StoreStats s = registry.stats();
        assertEquals(List.of(3L, 12L, 1L, 0L, 0L, 0L, 0L),
                     List.of(s.liveTables(), s.liveEntries(), s.weakTables(), s.pureTables(),
                             s.gcs(), s.droppedLastGc(), s.droppedTotal()));
        long bytes = registry.table(a).nativeBytes();
        assertTrue(bytes > 0);
        assertEquals(bytes + registry.table(b).nativeBytes() + weak.nativeBytes(), s.nativeBytes());
        assertTrue(s.jvmHeapUsed() > 0 && s.jvmHeapUsed() <= s.jvmHeapCommitted());

        registry.mark(a);
        registry.sweep();
        s = registry.stats();
        assertEquals(List.of(1L, 5L, 0L, 1L, 2L, 2L, bytes),
                     List.of(s.liveTables(), s.liveEntries(), s.weakTables(), s.gcs(),
                             s.droppedLastGc(), s.droppedTotal(), s.nativeBytes()));

        registry.managePure(withEntries(3).makePure(), 32);
        registry.table(a).insert(99, 99, 99);
        registry.free(a);
        s = registry.stats();
        assertEquals(List.of(1L, 3L, 1L, 1L, 2L, 3L),
                     List.of(s.liveTables(), s.liveEntries(), s.pureTables(), s.gcs(),
                             s.droppedLastGc(), s.droppedTotal()));
    }

    @Test
    void theRegistryGrowsPastItsInitialArrays() {
        List<Long> handles = new ArrayList<>();
        for (int i = 0; i < 1000; i++) handles.add(registry.manage(withEntries(1), 8L * i));
        for (long h : handles) registry.mark(h);
        assertEquals(0, registry.sweep());
        assertEquals(1000, registry.stats().liveTables());
        assertEquals(1000, registry.sweep());
        assertEquals(0, registry.stats().liveTables());
    }

    @Test
    void thereIsOneGlobalRegistry() {
        assertSame(Registry.global(), Registry.global());
    }

    private static List<Long> asList(Words w) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) out.add(w.get(i));
        return out;
    }
}
