package org.emacs.hts;

import static org.emacs.hts.MockHeap.fixnum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Rooted<T>: Java's GC roots, which C marks in its root phase. */
class RootedTest {
    private final Registry registry = new Registry();
    private final MockHeap heap = new MockHeap(registry);

    @Test
    void aRootedWordSurvivesCollectionUntilClosed() {
        long v = heap.object(heap.object());
        try (Rooted<Long> r = registry.rootWord(v)) {
            heap.collect();
            assertTrue(heap.alive(v));
            assertEquals(v, r.get());
        }
        heap.collect();
        assertFalse(heap.alive(v));
    }

    @Test
    void aRootedTableKeepsItselfAndItsEntriesAndNothingElse() {
        long t = heap.table(Tables28.create());
        long k = heap.object(), v = heap.object();
        heap.tableOf(t).insert(k, v, 1);
        long unrelated = heap.object();
        long otherTable = heap.table(Tables28.create());
        try (Rooted<LiveTable> r = registry.rootTable(heap.handle(t))) {
            heap.collect();
            assertTrue(heap.alive(t) && heap.alive(k) && heap.alive(v));
            assertFalse(heap.alive(unrelated));
            assertFalse(heap.alive(otherTable));
            assertEquals(1, r.get().count());
            assertEquals(t, r.word());
        }
        heap.collect();
        assertFalse(heap.alive(t));
        assertEquals(0, registry.stats().liveTables());
    }

    @Test
    @SuppressWarnings("try")   // the root is held, not used
    void aRootedTableIsNeverSweptEvenIfCSkippedItsRootPhase() {
        long h = registry.manage(Tables28.create(), 8);
        try (Rooted<LiveTable> r = registry.rootTable(h)) {
            assertEquals(0, registry.sweep());
            assertTrue(registry.isLive(h));
        }
        assertEquals(1, registry.sweep());
    }

    @Test
    @SuppressWarnings("try")   // the root is held, not used
    void theRootSetListsEveryOpenRootInOrder() {
        long h = registry.manage(Tables28.create(), 64);
        try (Rooted<Long> a = registry.rootWord(fixnum(1));
             Rooted<LiveTable> b = registry.rootTable(h);
             Rooted<Long> c = registry.rootWord(fixnum(3))) {
            Words out = new Words();
            assertEquals(3, registry.rootWords(out));
            assertEquals(fixnum(1), out.get(0));
            assertEquals(64, out.get(1));
            assertEquals(fixnum(3), out.get(2));
        }
        Words out = new Words();
        assertEquals(0, registry.rootWords(out));
    }

    @Test
    @SuppressWarnings("try")   // the root is held, not used
    void rootsOfOtherThreadsAreInTheRootSet() throws Exception {
        long v = heap.object();
        Thread other = new Thread(() -> {
            try (Rooted<Long> r = registry.rootWord(v)) {
                heap.collect();
            }
        });
        other.start();
        other.join();
        // Collected on the other thread while rooted: it survived.  Now it is not rooted.
        assertTrue(heap.alive(v));
        heap.collect();
        assertFalse(heap.alive(v));
    }

    @Test
    void aSecondCloseDoesNothingAndLeavesTheOtherRootsAlone() {
        Rooted<Long> outer = registry.rootWord(fixnum(1));
        Rooted<Long> inner = registry.rootWord(fixnum(2));
        inner.close();
        inner.close();
        assertEquals(fixnum(1), (long) outer.get(), "the outer root is still open");
        outer.close();   // in order: the second close of inner popped nothing
        outer.close();
        assertThrows(IllegalStateException.class, inner::get);
    }

    @Test
    void closingOutOfOrderFailsLoudly() {
        Rooted<Long> outer = registry.rootWord(fixnum(1));
        Rooted<Long> inner = registry.rootWord(fixnum(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(e.getMessage().contains("out of order"));
        inner.close();
        outer.close();
    }

    @Test
    void useAfterCloseFailsLoudly() {
        Rooted<Long> r = registry.rootWord(fixnum(1));
        r.close();
        assertThrows(IllegalStateException.class, r::get);
        assertThrows(IllegalStateException.class, r::word);
    }

    @Test
    void closingOnAnotherThreadFailsLoudly() throws Exception {
        Rooted<Long> r = registry.rootWord(fixnum(1));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                r.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        other.start();
        other.join();
        assertTrue(thrown.get() instanceof IllegalStateException);
        r.close();
    }

    @Test
    void rootingADroppedTableFails() {
        long h = registry.manage(Tables28.create(), 8);
        registry.sweep();
        assertThrows(StaleHandleException.class, () -> registry.rootTable(h));
    }
}
