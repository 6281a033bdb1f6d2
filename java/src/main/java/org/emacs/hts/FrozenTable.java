package org.emacs.hts;

/**
 * An immutable, compact snapshot of a table: its live entries in slot order
 * at slots 0..count-1, its capacity, rehash parameters and weakness.  This is
 * what pdumper dumps (hash_table_contents) and what purecopy makes.  There is
 * no way to mutate it, and all fields are final, so any thread may read it
 * once it has been handed over.  {@link #thaw()} makes a live table again.
 */
public final class FrozenTable implements TableView {
    private final int capacity;
    private final long[] keys;
    private final long[] values;
    private final long[] hashes;
    private final float rehashSize;
    private final float rehashThreshold;
    private final Weakness weakness;
    /** Chain links and heads over the compact slots, as a thawed table would have them. */
    private final int[] next;
    private final ChainIndex index;

    FrozenTable(int capacity, long[] keys, long[] values, long[] hashes,
                float rehashSize, float rehashThreshold, Weakness weakness) {
        if (keys.length != values.length || keys.length != hashes.length || keys.length > capacity)
            throw new IllegalArgumentException("inconsistent frozen table");
        this.capacity = capacity;
        this.keys = keys;
        this.values = values;
        this.hashes = hashes;
        this.rehashSize = rehashSize;
        this.rehashThreshold = rehashThreshold;
        this.weakness = weakness;
        this.next = new int[keys.length];
        this.index = new ChainIndex(Capacity.indexSize(capacity, rehashThreshold));
        index.rebuild(capacity, rehashThreshold, hashes, next, keys.length);
    }

    /**
     * A snapshot from bulk data, as pdumper's loader or purecopy hands it over:
     * {@code n} entries that will occupy slots 0..n-1.  The arrays are copied.
     */
    public static FrozenTable of(int capacity, long[] keys, long[] values, long[] hashes, int n,
                                 float rehashSize, float rehashThreshold, Weakness weakness) {
        long[] h = java.util.Arrays.copyOf(hashes, n);
        for (long x : h)
            if (x < 0) throw new IllegalArgumentException("negative hash " + x);
        return new FrozenTable(capacity, java.util.Arrays.copyOf(keys, n),
                               java.util.Arrays.copyOf(values, n), h,
                               rehashSize, rehashThreshold, weakness);
    }

    @Override public int count() { return keys.length; }
    @Override public int capacity() { return capacity; }
    @Override public Weakness weakness() { return weakness; }
    public float rehashSize() { return rehashSize; }
    public float rehashThreshold() { return rehashThreshold; }

    @Override public boolean isLive(int slot) { return slot >= 0 && slot < keys.length; }
    @Override public long key(int slot) { return keys[checkLive(slot)]; }
    @Override public long value(int slot) { return values[checkLive(slot)]; }
    @Override public long hash(int slot) { return hashes[checkLive(slot)]; }

    @Override
    public int nextLive(int from) {
        int i = Math.max(from, 0);
        return i < keys.length ? i : NONE;
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

    /** A live table with these entries at slots 0..count-1 and the hashes they had. */
    public LiveTable thaw() {
        return thaw(hashes, StoreKind.DEFAULT);
    }

    /**
     * hash_table_thaw: a live table with these entries at slots 0..count-1 and
     * new hashes, as after a pdump load, where eq hashes (addresses) have moved.
     */
    public LiveTable thaw(long[] newHashes, StoreKind kind) {
        if (newHashes.length < keys.length)
            throw new IllegalArgumentException("need " + keys.length + " hashes, got " + newHashes.length);
        return LiveTable.filled(capacity, keys, values, newHashes, keys.length,
                                rehashSize, rehashThreshold, weakness, kind);
    }

    /** Appends every key and value, in slot order, for marking. */
    int exportWords(Words out) {
        for (int i = 0; i < keys.length; i++) {
            out.add(keys[i]);
            out.add(values[i]);
        }
        return 2 * keys.length;
    }

    private int checkLive(int slot) {
        if (!isLive(slot)) throw new IllegalArgumentException("slot " + slot + " is not live");
        return slot;
    }
}
