package org.emacs.hts;

import java.util.Arrays;

/**
 * A mutable table with Emacs's slot semantics (fns.c), the same in 28.2
 * and 30:
 * <ul>
 * <li>a new table of size N has free slots 0..N-1, ascending;</li>
 * <li>an insert takes the head of the free list; a removal pushes its slot on
 *     the head, so freed slots are reused last-in first-out;</li>
 * <li>the table grows only when the free list is empty, to the size
 *     maybe_resize_hash_table picks, the new slots appended ascending;</li>
 * <li>clear rebuilds the ascending free list, but only when count &gt; 0;</li>
 * <li>copy keeps slots, values, hashes, chains and the free list;</li>
 * <li>chains are Emacs's own: new slots pushed at a chain's head, rebuilt
 *     in ascending slot order on growth and thaw, so a weak sweep frees
 *     slots in stock's order.</li>
 * </ul>
 * What differs between the versions (sizes, growth, buckets, hash width,
 * how a free slot looks) is the table's {@link HostPolicy}.
 * The entries live in a {@link TableLayout}, native memory C reads directly;
 * this class is its only writer.  Nothing is allocated per operation except
 * when the table grows.
 *
 * <p>Not thread-safe: like Emacs's own heap it is used under the host's
 * global lock.  {@link #close()} frees the memory (the registry does, when
 * it drops the table); a closed table must not be used.
 */
public final class LiveTable implements TableView, AutoCloseable {
    /** The hash of a free slot under 28.2, which marks it free; real hashes are non-negative. */
    static final long FREE = -1;

    private final HostPolicy host;
    private final Weakness weakness;
    private final float rehashSize;
    private final float rehashThreshold;
    private final TableLayout mem;

    private int freeHead;
    private int count;
    /** A pure table's: never mutable again. */
    private boolean pure;

    private LiveTable(HostPolicy host, Weakness weakness, float rehashSize, float rehashThreshold,
                      TableLayout mem, int freeHead, int count) {
        this.host = host;
        this.weakness = weakness;
        this.rehashSize = rehashSize;
        this.rehashThreshold = rehashThreshold;
        this.mem = mem;
        this.freeHead = freeHead;
        this.count = count;
        mem.publish(count, freeHead);
    }

    /**
     * make_hash_table under HOST's sizes.  {@code rehashSize} and
     * {@code rehashThreshold} are in 28.2's struct encoding (see {@link
     * Emacs28}); Emacs 30 ignores them.
     */
    public static LiveTable create(HostPolicy host, BlockPool pool, long size, float rehashSize,
                                   float rehashThreshold, Weakness weakness) {
        host.checkParameters(rehashSize, rehashThreshold);
        int cap = host.initialSize(size);
        TableLayout mem = TableLayout.allocate(pool, host, cap, host.indexSize(cap, rehashThreshold));
        initFree(host, mem, 0, cap);
        clearIndex(mem);
        return new LiveTable(host, weakness, rehashSize, rehashThreshold, mem, cap > 0 ? 0 : NONE, 0);
    }

    /** {@link #imported} from separate keys and values. */
    public static LiveTable of(HostPolicy host, BlockPool pool, int size, long[] keys, long[] values,
                               long[] hashes, int n, float rehashSize, float rehashThreshold,
                               Weakness weakness) {
        if (n < 0 || n > keys.length || n > values.length)
            throw new IllegalArgumentException(n + " entries, " + keys.length + " keys");
        long[] kv = new long[2 * n];
        for (int i = 0; i < n; i++) {
            kv[2 * i] = keys[i];
            kv[2 * i + 1] = values[i];
        }
        return imported(host, pool, size, kv, hashes, n, rehashSize, rehashThreshold, weakness, false);
    }

    /**
     * hts_import, and hash_table_thaw: {@code n} entries (KV: key, value,
     * key, value...) at slots 0..n-1, free slots n.. ascending, chained in
     * ascending slot order.  The free slots were never used (a table read
     * from its printed form, a pure one), unless {@code dumped}: then they
     * hold what the dump left there ({@link HostPolicy#dumpedValue}).
     * Built in Java arrays and copied whole.
     */
    public static LiveTable imported(HostPolicy host, BlockPool pool, int size, long[] kv,
                                     long[] hashes, int n, float rehashSize, float rehashThreshold,
                                     Weakness weakness, boolean dumped) {
        host.checkParameters(rehashSize, rehashThreshold);
        if (n < 0 || n > size) throw new IllegalArgumentException(n + " entries exceed size " + size);
        int indexSize = host.indexSize(size, rehashThreshold);
        long[] hash = new long[size];
        int[] next = new int[size];
        int[] index = new int[indexSize];
        Arrays.fill(index, NONE);
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            host.checkHash(h);
            hash[i] = h;
            int b = host.bucket(h, indexSize);
            next[i] = index[b];
            index[b] = i;
        }
        for (int i = n; i < size; i++) {
            if (host.marksFreeByHash()) hash[i] = FREE;
            next[i] = i + 1 < size ? i + 1 : NONE;
        }
        long[] allKv = kv;
        long freeValue = dumped ? host.dumpedValue() : host.freshValue();
        if (n < size && (host.unusedKey() != 0 || freeValue != 0)) {
            allKv = Arrays.copyOf(kv, 2 * size);
            for (int i = n; i < size; i++) {
                allKv[2 * i] = host.unusedKey();
                allKv[2 * i + 1] = freeValue;
            }
        }
        TableLayout mem = TableLayout.allocate(pool, host, size, indexSize);
        mem.putKeysAndValues(allKv, allKv == kv ? n : size);
        mem.putLinks(hash, next, index);
        return new LiveTable(host, weakness, rehashSize, rehashThreshold, mem, n < size ? n : NONE, n);
    }

    /** Slots from..to-1 become free and never used, linked ascending, ending in NONE. */
    private static void initFree(HostPolicy host, TableLayout mem, int from, int to) {
        for (int i = from; i < to; i++) {
            mem.setKey(i, host.unusedKey());
            mem.setValue(i, host.freshValue());
            if (host.marksFreeByHash()) mem.setHash(i, FREE);
            mem.setNext(i, i + 1 < to ? i + 1 : NONE);
        }
    }

    private static void clearIndex(TableLayout mem) {
        for (int b = mem.indexSize() - 1; b >= 0; b--) mem.setHead(b, NONE);
    }

    /**
     * maybe_resize_hash_table's rehash: every slot below {@code upTo} is
     * live (growth comes only when none is free), and each is pushed on its
     * chain in ascending order.  No slot needs the test for a free one.
     * {@link #link}'s body, with the bucket count read once: calling link
     * measured 5% slower per million-entry growth.
     */
    private void relinkAll(int upTo) {
        clearIndex(mem);
        int buckets = mem.indexSize();
        for (int i = 0; i < upTo; i++) {
            int b = host.bucket(mem.hash(i), buckets);
            mem.setNext(i, mem.head(b));
            mem.setHead(b, i);
        }
    }

    private int bucket(long hash) {
        return host.bucket(hash, mem.indexSize());
    }

    private void link(int slot, long hash) {
        int b = bucket(hash);
        mem.setNext(slot, mem.head(b));
        mem.setHead(b, slot);
    }

    private void unlink(int slot, long hash) {
        int b = bucket(hash);
        int i = mem.head(b);
        if (i == slot) {
            mem.setHead(b, mem.next(slot));
            return;
        }
        while (i >= 0) {
            int n = mem.next(i);
            if (n == slot) {
                mem.setNext(i, mem.next(slot));
                return;
            }
            i = n;
        }
        throw new IllegalStateException("slot " + slot + " is not in its collision chain");
    }

    // ---- reading -------------------------------------------------------

    @Override public int count() { return count; }
    @Override public int size() { return mem.size(); }
    @Override public Weakness weakness() { return weakness; }
    public HostPolicy host() { return host; }
    public float rehashSize() { return rehashSize; }
    public float rehashThreshold() { return rehashThreshold; }

    /** The address of its struct hts_layout, for C; 0 if no C reads it. */
    public long layoutAddress() {
        return mem.address();
    }

    /** Its memory as C sees it, free slots included: for tests. */
    TableLayout memory() {
        return mem;
    }

    /** The native memory its layout holds, in bytes. */
    public long nativeBytes() {
        return mem.bytes();
    }

    /** The number of chains: hash_index_size (28) or 1 << index_bits (30). */
    int indexSize() {
        return mem.indexSize();
    }

    @Override
    public boolean isLive(int slot) {
        if (slot < 0 || slot >= mem.size()) return false;
        return host.marksFreeByHash() ? mem.hash(slot) != FREE : mem.key(slot) != host.unusedKey();
    }

    @Override public long key(int slot) { return mem.key(checkLive(slot)); }
    @Override public long value(int slot) { return mem.value(checkLive(slot)); }
    @Override public long hash(int slot) { return mem.hash(checkLive(slot)); }

    @Override
    public int nextLive(int from) {
        int cap = mem.size();
        for (int i = Math.max(from, 0); i < cap; i++)
            if (isLive(i)) return i;
        return NONE;
    }

    /** The free list from its head, for tests and invariant checks. */
    int[] freeList() {
        int[] out = new int[size() - count];
        int n = 0;
        for (int i = freeHead; i >= 0; i = mem.next(i)) out[n++] = i;
        if (n != out.length) throw new IllegalStateException("free list holds " + n + " slots, expected " + out.length);
        return out;
    }

    /** Live slots in the order a weak sweep visits them (bucket by bucket, along each chain). */
    int[] sweepOrder() {
        int[] out = new int[count];
        int n = 0;
        for (int b = 0; b < mem.indexSize(); b++)
            for (int i = mem.head(b); i >= 0; i = mem.next(i)) out[n++] = i;
        if (n != count) throw new IllegalStateException("index holds " + n + " slots, count is " + count);
        return out;
    }

    // ---- mutation ------------------------------------------------------

    /** hash_put: stores a new entry in the free-list head, growing first if none is free. */
    public int insert(long key, long value, long hash) {
        checkMutable();
        host.checkHash(hash);
        if (freeHead < 0) grow();
        int i = freeHead;
        freeHead = mem.next(i);
        mem.setKey(i, key);
        mem.setValue(i, value);
        mem.setHash(i, hash);
        count++;
        link(i, hash);
        mem.publish(count, freeHead);
        return i;
    }

    /** set_hash_value_slot. */
    public void setValue(int slot, long value) {
        checkMutable();
        mem.setValue(checkLive(slot), value);
        mem.touch();
    }

    /** Removes a live slot; it becomes the free-list head. */
    public void removeSlot(int slot) {
        checkMutable();
        unlink(checkLive(slot), mem.hash(slot));
        release(slot);
        mem.publish(count, freeHead);
    }

    /** hash_clear: a no-op on an empty table, so its free-list order survives. */
    public void clear() {
        checkMutable();
        if (count > 0) {
            int cap = mem.size();
            for (int i = 0; i < cap; i++) {
                freeSlot(i);
                mem.setNext(i, i + 1 < cap ? i + 1 : NONE);
            }
            clearIndex(mem);
            freeHead = 0;
            count = 0;
            mem.publish(count, freeHead);
        }
    }

    /** copy-hash-table: same slots, chains and free list, in new memory; the copy is mutable. */
    public LiveTable copy() {
        return new LiveTable(host, weakness, rehashSize, rehashThreshold, mem.copy(), freeHead, count);
    }

    /** Makes the table immutable for good (a pure table); reading it still works. */
    public LiveTable makePure() {
        pure = true;
        return this;
    }

    public boolean isPure() {
        return pure;
    }

    /** Frees its memory; a second close does nothing. */
    @Override
    public void close() {
        mem.close();
    }

    // ---- garbage collection -------------------------------------------

    /**
     * The removal half of sweep_weak_table: frees the {@code n} slots at
     * {@code slots[from..]}, in that order, which is the order the shim's
     * sweep visits them (bucket by bucket, along each chain), so the free
     * list ends up as stock's would.  Every slot must be live and appear once.
     */
    public int removeSlots(long[] slots, int from, int n) {
        for (int j = from; j < from + n; j++) {
            long slot = slots[j];
            if (slot < 0 || slot >= size() || !isLive((int) slot))
                throw new IllegalArgumentException("slot " + slot + " is not live");
            unlink((int) slot, mem.hash((int) slot));
            release((int) slot);
        }
        if (n > 0) mem.publish(count, freeHead);
        return n;
    }

    // ---- internals -----------------------------------------------------

    private void release(int slot) {
        freeSlot(slot);
        mem.setNext(slot, freeHead);
        freeHead = slot;
        count--;
    }

    /** What a removal or a clear writes in a slot (not its link). */
    private void freeSlot(int slot) {
        mem.setKey(slot, host.unusedKey());
        mem.setValue(slot, host.removedValue());
        if (host.marksFreeByHash()) mem.setHash(slot, FREE);
    }

    /** maybe_resize_hash_table; the new memory is allocated before anything changes. */
    private void grow() {
        int oldSize = mem.size();
        int newSize = host.grownSize(oldSize, rehashSize);
        mem.grow(newSize, host.indexSize(newSize, rehashThreshold));
        initFree(host, mem, oldSize, newSize);
        relinkAll(oldSize);
        freeHead = oldSize;
    }

    private int checkLive(int slot) {
        if (!isLive(slot)) throw new IllegalArgumentException("slot " + slot + " is not live");
        return slot;
    }

    private void checkMutable() {
        if (pure) throw new IllegalArgumentException("a pure table cannot change");
    }
}
