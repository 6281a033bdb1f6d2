package org.emacs.hts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** Step-by-step comparison of a store table with the reference model. */
final class Models {
    private Models() {}

    /**
     * Everything observable must match: size, count, every slot, the free
     * list; and, when {@code chains} (the CHAINED store), the collision chains.
     */
    static void assertMatches(ReferenceTable ref, LiveTable t, String step) {
        assertEquals(ref.size(), t.size(), step + ": size");
        assertEquals(ref.count, t.count(), step + ": count");
        for (int i = 0; i < ref.size(); i++) {
            boolean live = ref.key.get(i) != null;
            assertEquals(live, t.isLive(i), step + ": liveness of slot " + i);
            if (live) {
                assertEquals(ref.key.get(i), t.key(i), step + ": key " + i);
                assertEquals(ref.value.get(i), t.value(i), step + ": value " + i);
                assertEquals(ref.hash.get(i), t.hash(i), step + ": hash " + i);
            }
        }
        assertEquals(ref.freeList(), asList(t.freeList()), step + ": free list");
        assertEquals(refSweepOrder(ref), asList(t.sweepOrder()), step + ": chains");
    }

    /**
     * remhash on an eq table as Emacs does it: the key found in the
     * layout (C's lookup, as Lookup.eq does it), then its slot removed.
     * Returns the slot, or NONE.
     */
    static int remhashEq(LiveTable t, long word, long hash) {
        int slot = Lookup.eq(t, word, hash);
        if (slot >= 0) t.removeSlot(slot);
        return slot;
    }

    static List<Integer> refSweepOrder(ReferenceTable ref) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < ref.index.size(); b++)
            for (int i = ref.index.get(b); i >= 0; i = ref.next.get(i)) out.add(i);
        return out;
    }

    /** The store's candidates for (word, hash), in order. */
    static List<Integer> probeAll(LiveTable t, long word, long hash) {
        List<Integer> out = new ArrayList<>();
        for (int i = Lookup.next(t, word, hash, -1); i >= 0; i = Lookup.next(t, word, hash, i)) out.add(i);
        return out;
    }

    /** Slots visited by a maphash-style loop over the store's cursor. */
    static List<Integer> liveSlots(TableView t) {
        List<Integer> out = new ArrayList<>();
        for (int i = t.nextLive(0); i >= 0; i = t.nextLive(i + 1)) out.add(i);
        return out;
    }

    /**
     * The slots flagged in {@code dead}, in the order the shim's weak sweep
     * hands them to the store (native/weak.c): bucket by bucket, along each chain.
     */
    static long[] deadInSweepOrder(LiveTable t, boolean[] dead) {
        return java.util.Arrays.stream(t.sweepOrder()).filter(i -> dead[i]).asLongStream().toArray();
    }

    static List<Integer> asList(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int x : a) out.add(x);
        return out;
    }

    static void assertSlots(TableView t, long[] expectedKeysBySlot) {
        long[] actual = new long[t.size()];
        for (int i = 0; i < actual.length; i++) actual[i] = t.isLive(i) ? t.key(i) : 0;
        assertArrayEquals(expectedKeysBySlot, actual);
    }
}
