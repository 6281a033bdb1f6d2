package org.emacs.hts;

import java.util.Arrays;

/**
 * The tests' model of what pdumper dumps (hash_table_freeze): an immutable,
 * compact snapshot of a table, its live entries in slot order at slots
 * 0..count-1, its size, rehash parameters and weakness.  There is no
 * way to mutate it, and all fields are final, so any thread may read it
 * once it has been handed over.  {@link #thaw()} makes a live table again,
 * in hts_import's order.  In Emacs the snapshot is the table's traced
 * {@code frozen} vector in C; a pure table is a {@link LiveTable} made
 * pure, since C reads it in place.
 */
public final class FrozenTable {
    private final HostPolicy host;
    private final int size;
    private final long[] keys;
    private final long[] values;
    private final long[] hashes;
    private final float rehashSize;
    private final float rehashThreshold;
    private final Weakness weakness;

    FrozenTable(HostPolicy host, int size, long[] keys, long[] values, long[] hashes,
                float rehashSize, float rehashThreshold, Weakness weakness) {
        if (keys.length != values.length || keys.length != hashes.length || keys.length > size)
            throw new IllegalArgumentException("inconsistent frozen table");
        this.host = host;
        this.size = size;
        this.keys = keys;
        this.values = values;
        this.hashes = hashes;
        this.rehashSize = rehashSize;
        this.rehashThreshold = rehashThreshold;
        this.weakness = weakness;
    }

    /** A snapshot of T's live entries, compacted in slot order. */
    static FrozenTable freeze(LiveTable t) {
        int n = t.count();
        long[] k = new long[n], v = new long[n], h = new long[n];
        int j = 0;
        for (int i = t.nextLive(0); i >= 0; i = t.nextLive(i + 1)) {
            k[j] = t.key(i);
            v[j] = t.value(i);
            h[j] = t.hash(i);
            j++;
        }
        return new FrozenTable(t.host(), t.size(), k, v, h, t.rehashSize(), t.rehashThreshold(),
                               t.weakness());
    }

    /**
     * A snapshot from bulk data, as pdumper's loader hands it over: {@code n}
     * entries that will occupy slots 0..n-1.  The arrays are copied.
     */
    public static FrozenTable of(int size, long[] keys, long[] values, long[] hashes, int n,
                                 float rehashSize, float rehashThreshold, Weakness weakness) {
        long[] h = Arrays.copyOf(hashes, n);
        for (long x : h)
            if (x < 0) throw new IllegalArgumentException("negative hash " + x);
        return new FrozenTable(Tables28.HOST, size, Arrays.copyOf(keys, n), Arrays.copyOf(values, n), h,
                               rehashSize, rehashThreshold, weakness);
    }

    public int count() { return keys.length; }
    public int size() { return size; }
    public Weakness weakness() { return weakness; }
    public float rehashSize() { return rehashSize; }
    public float rehashThreshold() { return rehashThreshold; }

    public long key(int slot) { return keys[checkSlot(slot)]; }
    public long value(int slot) { return values[checkSlot(slot)]; }
    public long hash(int slot) { return hashes[checkSlot(slot)]; }

    /** A live table with these entries at slots 0..count-1 and the hashes they had. */
    public LiveTable thaw() {
        return thaw(hashes);
    }

    /**
     * hash_table_thaw: a live table with these entries at slots 0..count-1 and
     * new hashes, as after a pdump load, where eq hashes (addresses) have moved.
     * Emacs 28.2 gives it its old size; Emacs 30 none to spare.
     */
    public LiveTable thaw(long[] newHashes) {
        if (newHashes.length < keys.length)
            throw new IllegalArgumentException("need " + keys.length + " hashes, got " + newHashes.length);
        int slots = host.version() == 30 ? keys.length : size;
        return LiveTable.of(host, BlockPool.direct(), slots, keys, values, newHashes, keys.length,
                            rehashSize, rehashThreshold, weakness);
    }

    private int checkSlot(int slot) {
        if (slot < 0 || slot >= keys.length) throw new IllegalArgumentException("slot " + slot + " is not live");
        return slot;
    }
}
