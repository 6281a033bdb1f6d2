package org.emacs.hts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Steady-state gethash, puthash and remhash allocate nothing in the store.
 * Measured with the JVM's per-thread allocation counter; a loop that boxes
 * shows that the meter does see allocation.
 */
class AllocationTest {
    private static final int N = 1000;
    private static final int OPS = 200_000;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long hashOf(long word) {
        return (word >>> 3) * 2654435761L & 0x3FFFFFFFFFFFFFFFL;
    }

    /** One round of lookups, value updates, and remove-then-reinsert churn. */
    private static long round(LiveTable t, long[] words) {
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            long w = words[i % N];
            long h = hashOf(w);
            int s = Lookup.eq(t, w, h);                    // gethash hit
            sum += t.value(s);
            sum += Lookup.eq(t, w + 4, h);                 // gethash miss
            t.setValue(s, i);                          // puthash, existing key
            t.removeSlot(s);                           // remhash
            sum += t.insert(w, i, h);                  // puthash, new key: reuses the slot
        }
        return sum;
    }

    private static long bytesPerRound() {
        LiveTable t = Tables28.create(N, 0.5f, 0.8125f, Weakness.NONE);
        long[] words = new long[N];
        for (int i = 0; i < N; i++) {
            words[i] = 0x10000L + 64L * i;
            t.insert(words[i], i, hashOf(words[i]));
        }
        long sink = 0;
        for (int warm = 0; warm < 5; warm++) sink += round(t, words);
        long before = allocated();
        sink += round(t, words);
        long bytes = allocated() - before;
        assertEquals(N, t.count());
        assertTrue(sink != 42);
        return bytes;
    }

    @Test
    void theStoreAllocatesNothingPerOperation() {
        long bytes = bytesPerRound();
        // A round is 1,000,000 operations; anything per operation would be megabytes.
        assertTrue(bytes < 1024, "allocated " + bytes + " bytes in " + 5 * OPS + " operations");
    }

    @Test
    void theMeterSeesBoxing() {
        long before = allocated();
        Object[] keep = new Object[OPS];
        for (int i = 0; i < OPS; i++) keep[i] = Long.valueOf(1_000_000L + i);
        long bytes = allocated() - before;
        assertTrue(keep[OPS - 1] != null && bytes > OPS, "allocated only " + bytes + " bytes: is the meter working?");
    }
}
