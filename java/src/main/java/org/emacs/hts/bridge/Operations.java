package org.emacs.hts.bridge;

import org.emacs.hts.BlockPool;
import org.emacs.hts.HostPolicy;
import org.emacs.hts.LiveTable;
import org.emacs.hts.Registry;
import org.emacs.hts.Weakness;
import org.emacs.hts.Words;

/**
 * What each C entry point does, in Java: every change to a table, and the
 * store's part in a GC.  C reads tables itself, through their layouts
 * (include/hts_layout.h), so no read is here.  These methods may throw;
 * the backend catches everything and returns a status code (see
 * {@link Status}).  Contracts are those of include/hts.h.  Pointers arrive
 * as raw addresses (0 for NULL), so the methods serve any backend.
 */
final class Operations {
    private static final int IMPORT_PURE = 1;
    private static final int IMPORT_DUMPED = 2;

    private final Registry registry;
    /** The Emacs whose tables these are: hts_set_host's choice. */
    private final HostPolicy host;
    private final NativeMemory memory;
    private final BlockPool pool;
    private final TestHooks hooks;
    /** Words gathered for roots before they are copied to C. */
    private final Words words = new Words(1024);
    /** Words C hands over in a batch: marked tables, weak tables, dead slots. */
    private long[] handles = new long[1024];

    Operations(Registry registry, HostPolicy host, NativeMemory memory, TestHooks hooks) {
        this.registry = registry;
        this.host = host;
        this.memory = memory;
        this.hooks = hooks;
        this.pool = new BlockPool(new ShimBlocks(), hooks.memoryLimit());
    }

    /** Whether HTS_TEST_HOOKS=1 was set: only then does {@link #before} run. */
    boolean testHooksEnabled() {
        return hooks.enabled();
    }

    /** Runs before every entry point but the test hook, with test hooks on: the fault switches. */
    void before(boolean tableOp) {
        hooks.maybeFail(tableOp);
    }

    /** hts_new; the new table's layout address goes to {@code layoutOut}, as hts_table_layout's would. */
    long newTable(long size, float rehashSize, float rehashThreshold, int weakness, long owner, long layoutOut) {
        LiveTable table = LiveTable.create(host, pool, size, rehashSize, rehashThreshold, Weakness.of(weakness));
        return made(table, registry.manage(table, owner), layoutOut);
    }

    long copy(long t, long owner, long layoutOut) {
        // A copy is always mutable, a pure table's too.
        LiveTable table = registry.table(t).copy();
        return made(table, registry.manage(table, owner), layoutOut);
    }

    /** Hands C a table just made, HANDLE, with its layout, sparing it a call to hts_table_layout. */
    private long made(LiveTable table, long handle, long layoutOut) {
        memory.putLong(layoutOut, table.layoutAddress());
        return handle;
    }

    long free(long t) {
        registry.free(t);
        return Status.OK;
    }

    long clear(long t) {
        registry.table(t).clear();
        return Status.OK;
    }

    long layout(long t) {
        return registry.table(t).layoutAddress();
    }

    long insert(long t, long key, long value, long hash) {
        return registry.table(t).insert(key, value, hash);
    }

    long remove(long t, long slot) {
        LiveTable table = registry.table(t);
        table.removeSlot(slot(table, slot));
        return Status.OK;
    }

    long setValue(long t, long slot, long value) {
        LiveTable table = registry.table(t);
        table.setValue(slot(table, slot), value);
        return Status.OK;
    }

    long export(long t, long kv, long hashes, long max) {
        LiveTable v = registry.table(t);
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

    /**
     * hts_import's nine arguments arrive as words at {@code args}, floats as
     * their bits, and a tenth: where the layout's address goes.
     */
    long importTable(long args) {
        long[] a = new long[10];
        memory.getLongs(args, a, 10);
        return importTable(a[0], Float.intBitsToFloat((int) a[1]), Float.intBitsToFloat((int) a[2]),
                           (int) a[3], a[4], a[5], a[6], (int) a[7], a[8], a[9]);
    }

    private long importTable(long size, float rehashSize, float rehashThreshold, int weakness,
                             long kv, long hashes, long n, int flags, long owner, long layoutOut) {
        if (n < 0 || n > size || size > Integer.MAX_VALUE)
            throw new IllegalArgumentException(n + " entries for a size of " + size);
        int count = (int) n;
        long[] pairs = new long[2 * count], h = new long[count];
        memory.getLongs(kv, pairs, 2 * count);
        memory.getLongs(hashes, h, count);
        LiveTable table = LiveTable.imported(host, pool, (int) size, pairs, h, count, rehashSize,
                                             rehashThreshold, Weakness.of(weakness), (flags & IMPORT_DUMPED) != 0);
        long handle = (flags & IMPORT_PURE) != 0 ? registry.managePure(table.makePure(), owner)
            : registry.manage(table, owner);
        return made(table, handle, layoutOut);
    }

    long roots(long wordsOut) {
        words.clear();
        return handOver(registry.rootWords(words), wordsOut);
    }

    /**
     * hts_weak_mark's one call: the N weak tables C reached are marked for
     * the sweep, and C learns what it needs to run the weak phases itself
     * (native/weak.c).  {@code elements} holds N elements of {@code stride}
     * words: C wrote each table's handle in the first, the store writes its
     * layout's address (0 if it was marked already: it has joined) and its
     * weakness in the next two.
     */
    long weakMark(long elements, long n, long stride) {
        if (n < 0 || stride < 3 || n * stride > Integer.MAX_VALUE)
            throw new IllegalArgumentException(n + " weak tables of " + stride + " words");
        int words = (int) (n * stride);
        if (handles.length < words) handles = new long[Math.max(words, 2 * handles.length)];
        memory.getLongs(elements, handles, words);
        for (int e = 0; e < words; e += (int) stride) {
            LiveTable table = registry.markFirst(handles[e]);
            handles[e + 1] = table == null ? 0 : table.layoutAddress();
            handles[e + 2] = table == null ? 0 : table.weakness().ordinal();
        }
        memory.putLongs(elements, handles, words);
        return Status.OK;
    }

    /**
     * hts_weak_remove's one call, when entries died: {@code length} words
     * at {@code batch}, for each table its handle, a count and that many
     * slots to free, in the order to free them.  Returns the number freed.
     */
    long weakRemove(long batch, long length) {
        if (length < 0 || length > Integer.MAX_VALUE) throw new IllegalArgumentException("batch of " + length);
        int n = (int) length;
        if (handles.length < n) handles = new long[Math.max(n, 2 * handles.length)];
        memory.getLongs(batch, handles, n);
        long removed = 0;
        for (int j = 0; j < n; ) {
            LiveTable table = registry.table(handles[j]);
            long k = handles[j + 1];
            if (k < 0 || k > n - j - 2) throw new IllegalArgumentException(k + " slots in a batch of " + n);
            removed += table.removeSlots(handles, j + 2, (int) k);
            j += 2 + (int) k;
        }
        return removed;
    }

    /** hts_sweep: the tables C marked, in one batch; then every other one goes. */
    long sweep(long tables, long n) {
        markAll(tables, n);
        return registry.sweep();
    }

    /** Copies the batch first: marking may call C, which may grow it. */
    private void markAll(long tables, long n) {
        if (n < 0 || n > Integer.MAX_VALUE) throw new IllegalArgumentException("batch of " + n);
        if (handles.length < n) handles = new long[(int) Math.max(n, 2L * handles.length)];
        if (n > 0) memory.getLongs(tables, handles, (int) n);
        registry.markAll(handles, (int) n);
    }

    long stats(long out) {
        long[] v = registry.stats().values();
        for (int i = 0; i < v.length; i++) memory.putLong(out + 8L * i, v[i]);
        return Status.OK;
    }

    long testHook(int op, long arg) {
        return hooks.run(op, arg, registry);
    }

    // ---- helpers -------------------------------------------------------

    /** A slot number within the table's size, or IllegalArgumentException. */
    private static int slot(LiveTable v, long slot) {
        if (slot < 0 || slot >= v.size())
            throw new IllegalArgumentException("slot " + slot + " is outside 0.." + (v.size() - 1));
        return (int) slot;
    }

    /** Hands C the gathered words: native memory the backend owns, its address in *wordsOut. */
    private long handOver(int n, long wordsOut) {
        memory.putLong(wordsOut, n == 0 ? 0 : memory.words(words.array(), n));
        return n;
    }
}
