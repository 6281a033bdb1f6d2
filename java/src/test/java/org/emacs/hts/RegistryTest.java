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
        LiveTable t = LiveTable.create();
        for (int i = 0; i < n; i++) t.insert(MockHeap.fixnum(i), MockHeap.fixnum(i * 10), i);
        return t;
    }

    @Test
    void sweepDropsExactlyTheTablesNotMarkedSinceTheLastSweep() {
        List<Long> handles = new ArrayList<>();
        for (int i = 0; i < 10; i++) handles.add(registry.manage(withEntries(i), 8 * i));
        Words out = new Words();
        for (int i = 0; i < 10; i += 3) registry.mark(handles.get(i), out);
        assertEquals(6, registry.sweep());
        for (int i = 0; i < 10; i++) assertEquals(i % 3 == 0, registry.isLive(handles.get(i)), "table " + i);

        // Marks are cleared by the sweep: what is not marked again goes next time.
        registry.mark(handles.get(3), out);
        assertEquals(3, registry.sweep());
        assertTrue(registry.isLive(handles.get(3)));
        assertFalse(registry.isLive(handles.get(0)));
    }

    @Test
    void markingAStrongTableHandsBackAllItsKeysAndValuesOnce() {
        long h = registry.manage(withEntries(3), 8);
        Words out = new Words();
        assertEquals(6, registry.mark(h, out));
        assertEquals(List.of(MockHeap.fixnum(0), MockHeap.fixnum(0), MockHeap.fixnum(1), MockHeap.fixnum(10),
                             MockHeap.fixnum(2), MockHeap.fixnum(20)),
                     asList(out));
        assertEquals(0, registry.mark(h, out), "already marked in this GC");
        assertTrue(registry.isMarked(h));
    }

    @Test
    void markingAWeakTableHandsBackNothing() {
        LiveTable t = LiveTable.create(4, 0.5f, 0.8125f, Weakness.KEY, StoreKind.DEFAULT);
        t.insert(16, 24, 1);
        long h = registry.manage(t, 8);
        assertEquals(0, registry.mark(h, new Words()));
    }

    @Test
    void aDroppedHandleIsStaleEvenWhenItsIndexIsReused() {
        long a = registry.manage(withEntries(1), 8);
        registry.sweep();
        assertThrows(StaleHandleException.class, () -> registry.view(a));
        assertThrows(StaleHandleException.class, () -> registry.mark(a, new Words()));
        long b = registry.manage(withEntries(2), 16);
        assertNotEquals(a, b);
        assertEquals((int) a, (int) b, "same index, new generation");
        assertThrows(StaleHandleException.class, () -> registry.view(a));
        assertEquals(2, registry.view(b).count());
        assertThrows(StaleHandleException.class, () -> registry.view(0));
        assertThrows(StaleHandleException.class, () -> registry.view(12345));
    }

    @Test
    void permanentFrozenTablesAreNeverSwept() {
        FrozenTable pure = withEntries(4).freeze();
        long h = registry.managePermanent(pure, 8);
        registry.sweep();
        registry.sweep();
        assertSame(pure, registry.view(h));
        assertThrows(IllegalStateException.class, () -> registry.table(h), "a frozen table is not mutable");
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
    void countersTrackLiveTablesEntriesAndDrops() {
        long a = registry.manage(withEntries(5), 8);
        registry.manage(withEntries(7), 16);
        registry.manage(withEntries(0), 24);
        assertEquals(new RegistryStats(3, 12, 0, 0), registry.stats());
        registry.mark(a, new Words());
        registry.sweep();
        assertEquals(new RegistryStats(1, 5, 2, 2), registry.stats());
        registry.table(a).insert(99, 99, 99);
        registry.free(a);
        assertEquals(new RegistryStats(0, 0, 2, 3), registry.stats());
    }

    @Test
    void theRegistryGrowsPastItsInitialArrays() {
        List<Long> handles = new ArrayList<>();
        for (int i = 0; i < 1000; i++) handles.add(registry.manage(withEntries(1), 8L * i));
        for (long h : handles) registry.mark(h, new Words());
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
