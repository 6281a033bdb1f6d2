package org.emacs.hts;

import java.util.Arrays;

/**
 * A mutable table with Emacs 28.2's slot semantics (fns.c):
 * <ul>
 * <li>a new table of capacity N has free slots 0..N-1, ascending;</li>
 * <li>an insert takes the head of the free list; a removal pushes its slot on
 *     the head, so freed slots are reused last-in first-out;</li>
 * <li>the table grows only when the free list is empty, to the capacity
 *     maybe_resize_hash_table picks, the new slots appended ascending;</li>
 * <li>clear rebuilds the ascending free list, but only when count &gt; 0;</li>
 * <li>copy keeps slots, values, hashes, chains and the free list.</li>
 * </ul>
 * Nothing is allocated per operation except when the table grows.
 *
 * <p>Not thread-safe: like Emacs's own heap it is used under the host's
 * global lock.  {@link #freeze()} gives a snapshot any thread may read.
 */
public final class LiveTable implements TableView {
    /** The hash stored in a free slot; real hashes are non-negative. */
    static final long FREE = -1;

    private final StoreKind kind;
    private final Weakness weakness;
    private final float rehashSize;
    private final float rehashThreshold;

    private long[] keys;
    private long[] values;
    private long[] hashes;
    /** For a free slot, the next free slot; for a live one, the next in its collision chain. */
    private int[] next;
    private int freeHead;
    private int count;
    private SlotIndex index;
    /** Open read borrows; mutation is refused while any is open. */
    private int borrows;

    private LiveTable(StoreKind kind, Weakness weakness, float rehashSize, float rehashThreshold,
                      long[] keys, long[] values, long[] hashes, int[] next,
                      int freeHead, int count, SlotIndex index) {
        this.kind = kind;
        this.weakness = weakness;
        this.rehashSize = rehashSize;
        this.rehashThreshold = rehashThreshold;
        this.keys = keys;
        this.values = values;
        this.hashes = hashes;
        this.next = next;
        this.freeHead = freeHead;
        this.count = count;
        this.index = index;
    }

    /** make-hash-table with Emacs's defaults: size 65, rehash-size 1.5, threshold 0.8125, not weak. */
    public static LiveTable create() {
        return create(Capacity.DEFAULT_SIZE, Capacity.DEFAULT_REHASH_SIZE,
                      Capacity.DEFAULT_REHASH_THRESHOLD, Weakness.NONE, StoreKind.DEFAULT);
    }

    /**
     * make_hash_table.  {@code rehashSize} and {@code rehashThreshold} are in
     * the C struct's encoding (see {@link Capacity}); a size of 0 becomes 1.
     */
    public static LiveTable create(long size, float rehashSize, float rehashThreshold,
                                   Weakness weakness, StoreKind kind) {
        if (!(rehashSize <= -1 || rehashSize > 0))
            throw new IllegalArgumentException("invalid rehash size " + rehashSize);
        if (!(rehashThreshold > 0 && rehashThreshold <= 1))
            throw new IllegalArgumentException("invalid rehash threshold " + rehashThreshold);
        int cap = Capacity.initial(size);
        SlotIndex index = kind.newIndex(cap, rehashThreshold);
        long[] hashes = new long[cap];
        Arrays.fill(hashes, FREE);
        int[] next = new int[cap];
        chainFree(next, 0, cap);
        return new LiveTable(kind, weakness, rehashSize, rehashThreshold,
                             new long[cap], new long[cap], hashes, next, 0, 0, index);
    }

    /**
     * hts_import of a live table: {@code n} entries at slots 0..n-1, free slots
     * n.. ascending, chained as hash_table_thaw does.  The arrays are copied.
     */
    public static LiveTable of(int capacity, long[] keys, long[] values, long[] hashes, int n,
                               float rehashSize, float rehashThreshold, Weakness weakness) {
        return filled(capacity, keys, values, hashes, n, rehashSize, rehashThreshold, weakness,
                      StoreKind.DEFAULT);
    }

    /**
     * Thaw: a live table holding {@code n} entries in slots 0..n-1, with free
     * slots n..capacity-1 ascending, chained as hash_table_rehash does.
     */
    static LiveTable filled(int capacity, long[] keys, long[] values, long[] hashes, int n,
                            float rehashSize, float rehashThreshold, Weakness weakness,
                            StoreKind kind) {
        if (n > capacity) throw new IllegalArgumentException(n + " entries exceed capacity " + capacity);
        long[] k = Arrays.copyOf(keys, capacity);
        long[] v = Arrays.copyOf(values, capacity);
        long[] h = Arrays.copyOf(hashes, capacity);
        for (int i = 0; i < n; i++)
            if (h[i] < 0) throw new IllegalArgumentException("negative hash at slot " + i);
        Arrays.fill(h, n, capacity, FREE);
        int[] next = new int[capacity];
        chainFree(next, n, capacity);
        SlotIndex index = kind.newIndex(capacity, rehashThreshold);
        index.rebuild(capacity, rehashThreshold, h, next, n);
        return new LiveTable(kind, weakness, rehashSize, rehashThreshold,
                             k, v, h, next, n < capacity ? n : -1, n, index);
    }

    /** Links slots from..to-1 into an ascending free list ending in -1. */
    private static void chainFree(int[] next, int from, int to) {
        for (int i = from; i < to - 1; i++) next[i] = i + 1;
        if (from < to) next[to - 1] = -1;
    }

    // ---- reading -------------------------------------------------------

    @Override public int count() { return count; }
    @Override public int capacity() { return keys.length; }
    @Override public Weakness weakness() { return weakness; }
    public StoreKind kind() { return kind; }
    public float rehashSize() { return rehashSize; }
    public float rehashThreshold() { return rehashThreshold; }

    @Override
    public boolean isLive(int slot) {
        return slot >= 0 && slot < hashes.length && hashes[slot] != FREE;
    }

    @Override public long key(int slot) { return keys[checkLive(slot)]; }
    @Override public long value(int slot) { return values[checkLive(slot)]; }
    @Override public long hash(int slot) { return hashes[checkLive(slot)]; }

    @Override
    public int nextLive(int from) {
        long[] h = hashes;
        for (int i = Math.max(from, 0); i < h.length; i++)
            if (h[i] != FREE) return i;
        return NONE;
    }

    @Override
    public int findEq(long word, long hash) {
        return index.findEq(word, hash, keys, next);
    }

    @Override
    public int probe(long word, long hash, int after) {
        if (after >= 0) checkLive(after);
        return index.probe(word, hash, after, keys, hashes, next);
    }

    /** The free list from its head, for tests and invariant checks. */
    int[] freeList() {
        int[] out = new int[capacity() - count];
        int n = 0;
        for (int i = freeHead; i >= 0; i = next[i]) out[n++] = i;
        if (n != out.length) throw new IllegalStateException("free list holds " + n + " slots, expected " + out.length);
        return out;
    }

    /** Live slots in the order a weak sweep visits them (bucket by bucket), for tests. */
    int[] sweepOrder() {
        int[] out = new int[count];
        int n = index.sweepOrder(next, out);
        if (n != count) throw new IllegalStateException("index holds " + n + " slots, count is " + count);
        return out;
    }

    // ---- mutation ------------------------------------------------------

    /** hash_put: stores a new entry in the free-list head, growing first if none is free. */
    public int insert(long key, long value, long hash) {
        checkMutable();
        if (hash < 0) throw new IllegalArgumentException("negative hash " + hash);
        if (freeHead < 0) grow();
        int i = freeHead;
        freeHead = next[i];
        keys[i] = key;
        values[i] = value;
        hashes[i] = hash;
        count++;
        index.link(i, hash, next);
        return i;
    }

    /** set_hash_value_slot. */
    public void setValue(int slot, long value) {
        checkMutable();
        values[checkLive(slot)] = value;
    }

    /** Removes a live slot; it becomes the free-list head. */
    public void removeSlot(int slot) {
        checkMutable();
        index.unlink(checkLive(slot), hashes[slot], next);
        release(slot);
    }

    /** remhash for eq tables in one step: removes the entry whose key is word; returns its slot or NONE. */
    public int removeEq(long word, long hash) {
        checkMutable();
        int slot = index.findEq(word, hash, keys, next);
        if (slot >= 0) {
            index.unlink(slot, hash, next);
            release(slot);
        }
        return slot;
    }

    /** hash_clear: a no-op on an empty table, so its free-list order survives. */
    public void clear() {
        checkMutable();
        if (count > 0) {
            Arrays.fill(keys, 0);
            Arrays.fill(values, 0);
            Arrays.fill(hashes, FREE);
            chainFree(next, 0, next.length);
            index.clear();
            freeHead = 0;
            count = 0;
        }
    }

    /** copy-hash-table: same slots, chains and free list; the copy is never borrowed. */
    public LiveTable copy() {
        return new LiveTable(kind, weakness, rehashSize, rehashThreshold,
                             keys.clone(), values.clone(), hashes.clone(), next.clone(),
                             freeHead, count, index.copy());
    }

    /** An immutable, compact snapshot: live entries in slot order at 0..count-1. */
    public FrozenTable freeze() {
        long[] k = new long[count], v = new long[count], h = new long[count];
        int n = 0;
        for (int i = nextLive(0); i >= 0; i = nextLive(i + 1)) {
            k[n] = keys[i];
            v[n] = values[i];
            h[n] = hashes[i];
            n++;
        }
        return new FrozenTable(capacity(), k, v, h, rehashSize, rehashThreshold, weakness);
    }

    /**
     * Lends the table out read-only (the dual-mode map's read borrow): until the
     * borrow is closed, every mutation throws {@link TableBorrowedException}.
     * Borrows nest.
     */
    public ReadBorrow borrow() {
        borrows++;
        return new ReadBorrow(this);
    }

    void endBorrow() {
        borrows--;
    }

    // ---- garbage collection -------------------------------------------

    /** Appends every live key and value, in slot order, for a strong table's marking. */
    int exportWords(Words out) {
        int start = out.size();
        for (int i = nextLive(0); i >= 0; i = nextLive(i + 1)) {
            out.add(keys[i]);
            out.add(values[i]);
        }
        return out.size() - start;
    }

    /**
     * The removal half of sweep_weak_table: frees each live slot whose flag in
     * {@code dead} is set, in the order Emacs visits them (bucket by bucket,
     * along each chain), so the free list ends up as stock's would.  Weak
     * sweeping ignores borrows, as GC ignores h->mutable.
     */
    int removeDead(boolean[] dead) {
        int[] order = new int[count];
        int n = index.sweepOrder(next, order);
        int removed = 0;
        for (int j = 0; j < n; j++) {
            int slot = order[j];
            if (dead[slot]) {
                index.unlink(slot, hashes[slot], next);
                release(slot);
                removed++;
            }
        }
        return removed;
    }

    // ---- internals -----------------------------------------------------

    private void release(int slot) {
        keys[slot] = 0;
        values[slot] = 0;
        hashes[slot] = FREE;
        next[slot] = freeHead;
        freeHead = slot;
        count--;
    }

    /** maybe_resize_hash_table; everything is allocated before anything changes. */
    private void grow() {
        int oldSize = keys.length;
        int newSize = Capacity.grown(oldSize, rehashSize);
        long[] k = Arrays.copyOf(keys, newSize);
        long[] v = Arrays.copyOf(values, newSize);
        long[] h = Arrays.copyOf(hashes, newSize);
        Arrays.fill(h, oldSize, newSize, FREE);
        int[] n = Arrays.copyOf(next, newSize);
        chainFree(n, oldSize, newSize);
        index.rebuild(newSize, rehashThreshold, h, n, oldSize);
        keys = k;
        values = v;
        hashes = h;
        next = n;
        freeHead = oldSize;
    }

    private int checkLive(int slot) {
        if (!isLive(slot)) throw new IllegalArgumentException("slot " + slot + " is not live");
        return slot;
    }

    private void checkMutable() {
        if (borrows != 0) throw new TableBorrowedException();
    }
}
