package org.emacs.hts.bridge;

import org.emacs.hts.FrozenTable;
import org.emacs.hts.LiveTable;
import org.emacs.hts.Registry;
import org.emacs.hts.RegistryStats;
import org.emacs.hts.StoreKind;
import org.emacs.hts.TableView;
import org.emacs.hts.Weakness;
import org.emacs.hts.Words;

/**
 * What each C entry point does, in Java.  These methods may throw; the
 * backend catches everything and returns a status code (see {@link Status}).
 * Contracts are those of include/hts.h.  Pointers arrive as raw addresses
 * (0 for NULL), so the methods serve any backend.
 */
final class Entries {
    private static final int NONE = -1;
    private static final int IMPORT_FROZEN = 1;

    private final Registry registry;
    private final NativeMemory memory;
    private final Heap heap = new Heap();
    private final TestHooks hooks;
    /** Words gathered for mark and roots before they are copied to C. */
    private final Words words = new Words(1024);
    /** hts_next_n's (slot, key, value) triples before they are copied to C. */
    private long[] triples = new long[3 * 64];

    Entries(Registry registry, NativeMemory memory, TestHooks hooks) {
        this.registry = registry;
        this.memory = memory;
        this.hooks = hooks;
    }

    /** Runs before every entry point but the test hook: the test-only fault switches. */
    void before(boolean tableOp) {
        hooks.maybeFail(tableOp);
    }

    long newTable(long size, float rehashSize, float rehashThreshold, int weakness, long owner) {
        return registry.manage(LiveTable.create(size, rehashSize, rehashThreshold, weakness(weakness),
                                                StoreKind.DEFAULT), owner);
    }

    long copy(long t, long owner) {
        // A copy is always mutable; a frozen (pure) table's copy is its thaw.
        TableView v = registry.view(t);
        LiveTable copy = v instanceof FrozenTable ? ((FrozenTable) v).thaw() : ((LiveTable) v).copy();
        return registry.manage(copy, owner);
    }

    long free(long t) {
        registry.free(t);
        return Status.OK;
    }

    long clear(long t) {
        registry.table(t).clear();
        return Status.OK;
    }

    long count(long t) {
        return registry.view(t).count();
    }

    long capacity(long t) {
        return registry.view(t).capacity();
    }

    long findEq(long t, long key, long hash, long value) {
        TableView v = registry.view(t);
        int s = v.findEq(key, hash);
        if (s >= 0 && value != 0) memory.putLong(value, v.value(s));
        return s;
    }

    /**
     * Up to max candidates after slot {@code after} (-1: from the start), as
     * (slot, key, value) triples at {@code out}; returns how many.  C packs
     * max and after + 1 into one word: max in the high half.
     */
    long probe(long t, long key, long hash, long maxAndAfter, long out) {
        TableView v = registry.view(t);
        int max = (int) (maxAndAfter >>> 32), after = (int) maxAndAfter - 1;
        if (max <= 0) throw new IllegalArgumentException("max " + max);
        // Word by word: most lookups find one candidate, and a bulk copy
        // costs more than three stores.
        int j = 0;
        for (int s = v.probe(key, hash, after < 0 ? NONE : slot(v, after)); s >= 0; s = v.probe(key, hash, s)) {
            long at = out + 24L * j;
            memory.putLong(at, s);
            memory.putLong(at + 8, v.key(s));
            memory.putLong(at + 16, v.value(s));
            if (++j == max) break;
        }
        return j;
    }

    long putEq(long t, long key, long value, long hash, long sizes) {
        LiveTable table = registry.table(t);
        int s = table.findEq(key, hash);
        if (s >= 0) table.setValue(s, value);
        else s = table.insert(key, value, hash);
        memory.putLong(sizes, table.count());
        memory.putLong(sizes + 8, table.capacity());
        return s;
    }

    long insert(long t, long key, long value, long hash) {
        return registry.table(t).insert(key, value, hash);
    }

    long remove(long t, long slot) {
        LiveTable table = registry.table(t);
        table.removeSlot(slot(table, slot));
        return Status.OK;
    }

    long removeEq(long t, long key, long hash) {
        return registry.table(t).removeEq(key, hash);
    }

    long setValue(long t, long slot, long value) {
        LiveTable table = registry.table(t);
        table.setValue(slot(table, slot), value);
        return Status.OK;
    }

    long get(long t, long slot, long key, long value) {
        TableView v = registry.view(t);
        int s = slot(v, slot);
        return v.isLive(s) ? read(v, s, key, value) : NONE;
    }

    long next(long t, long from, long key, long value) {
        TableView v = registry.view(t);
        int s = v.nextLive(from(v, from));
        return s < 0 ? NONE : read(v, s, key, value);
    }

    long nextN(long t, long from, long out, long max) {
        TableView v = registry.view(t);
        int n = (int) Math.min(Math.max(max, 0), 1 << 16);
        if (triples.length < 3 * n) triples = new long[3 * n];
        int j = 0;
        for (int s = v.nextLive(from(v, from)); s >= 0 && j < n;
             s = v.nextLive(s + 1), j++) {
            triples[3 * j] = s;
            triples[3 * j + 1] = v.key(s);
            triples[3 * j + 2] = v.value(s);
        }
        if (j > 0) memory.putLongs(out, triples, 3 * j);
        return j;
    }

    long export(long t, long kv, long hashes, long max) {
        TableView v = registry.view(t);
        int n = (int) Math.min(max, v.count());
        long[] pairs = kv != 0 ? new long[2 * n] : null;
        long[] h = hashes != 0 ? new long[n] : null;
        int j = 0;
        for (int s = v.nextLive(0); s >= 0 && j < n; s = v.nextLive(s + 1), j++) {
            if (pairs != null) {
                pairs[2 * j] = v.key(s);
                pairs[2 * j + 1] = v.value(s);
            }
            if (h != null) h[j] = v.hash(s);
        }
        if (pairs != null) memory.putLongs(kv, pairs, 2 * n);
        if (h != null) memory.putLongs(hashes, h, n);
        return v.count();
    }

    /** hts_import's nine arguments arrive as nine words at {@code args}, floats as their bits. */
    long importTable(long args) {
        long[] a = new long[9];
        memory.getLongs(args, a, 9);
        return importTable(a[0], Float.intBitsToFloat((int) a[1]), Float.intBitsToFloat((int) a[2]), (int) a[3],
                           a[4], a[5], a[6], (int) a[7], a[8]);
    }

    private long importTable(long capacity, float rehashSize, float rehashThreshold, int weakness,
                             long kv, long hashes, long n, int flags, long owner) {
        if (n < 0 || n > capacity || capacity > Integer.MAX_VALUE)
            throw new IllegalArgumentException(n + " entries for a capacity of " + capacity);
        int count = (int) n;
        long[] pairs = new long[2 * count], k = new long[count], v = new long[count], h = new long[count];
        memory.getLongs(kv, pairs, 2 * count);
        memory.getLongs(hashes, h, count);
        for (int i = 0; i < count; i++) {
            k[i] = pairs[2 * i];
            v[i] = pairs[2 * i + 1];
        }
        Weakness w = weakness(weakness);
        // A live table is built directly: no frozen snapshot and index on the way.
        return (flags & IMPORT_FROZEN) != 0
            ? registry.managePermanent(FrozenTable.of((int) capacity, k, v, h, count, rehashSize,
                                                      rehashThreshold, w), owner)
            : registry.manage(LiveTable.of((int) capacity, k, v, h, count, rehashSize,
                                           rehashThreshold, w), owner);
    }

    long mark(long t, long wordsOut) {
        words.clear();
        return handOver(registry.mark(t, words), wordsOut);
    }

    long roots(long wordsOut) {
        words.clear();
        return handOver(registry.rootWords(words), wordsOut);
    }

    long weakMark() {
        registry.markWeakToFixpoint(heap);
        return Status.OK;
    }

    long weakRemove() {
        return registry.removeDeadWeakEntries(heap);
    }

    long sweep() {
        return registry.sweep();
    }

    long stats(long out) {
        RegistryStats s = registry.stats();
        memory.putLong(out, s.liveTables());
        memory.putLong(out + 8, s.liveEntries());
        memory.putLong(out + 16, s.droppedLastSweep());
        memory.putLong(out + 24, s.droppedTotal());
        return Status.OK;
    }

    long testHook(int op, long arg) {
        return hooks.run(op, arg, registry);
    }

    // ---- helpers -------------------------------------------------------

    private long read(TableView v, int s, long key, long value) {
        if (key != 0) memory.putLong(key, v.key(s));
        if (value != 0) memory.putLong(value, v.value(s));
        return s;
    }

    /** A cursor's starting slot, clamped to 0..capacity (capacity: the end). */
    private static int from(TableView v, long from) {
        return (int) Math.max(0, Math.min(from, v.capacity()));
    }

    /** A slot number within the table's capacity, or IllegalArgumentException. */
    private static int slot(TableView v, long slot) {
        if (slot < 0 || slot >= v.capacity())
            throw new IllegalArgumentException("slot " + slot + " is outside 0.." + (v.capacity() - 1));
        return (int) slot;
    }

    private static Weakness weakness(int w) {
        Weakness[] all = Weakness.values();
        if (w < 0 || w >= all.length) throw new IllegalArgumentException("weakness " + w);
        return all[w];
    }

    /** Hands C the gathered words: native memory the backend owns, its address in *wordsOut. */
    private long handOver(int n, long wordsOut) {
        memory.putLong(wordsOut, n == 0 ? 0 : memory.words(words.array(), n));
        return n;
    }

    /** The host heap, reached through the shim: one crossing per batch. */
    private static final class Heap implements org.emacs.hts.Heap {
        private byte[] flags = new byte[256];

        @Override
        public void survives(long[] w, int n, boolean[] out) {
            if (flags.length < n) flags = new byte[Math.max(n, 2 * flags.length)];
            JniShim.heapSurvives(w, n, flags);
            for (int i = 0; i < n; i++) out[i] = flags[i] != 0;
        }

        @Override
        public void mark(long[] w, int n) {
            JniShim.heapMark(w, n);
        }
    }
}
