package org.emacs.hts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * One table's memory, laid out as include/hts_layout.h declares it, so that
 * C reads it with no call into Java: a header that stays at one address for
 * the table's life, and one block of arrays that growth replaces.
 *
 * <pre>
 * header (struct hts_layout):  count, size, next_free, index_size,
 *                              index_bits, unused_key, modiff,
 *                              and the addresses of the four arrays
 * arrays block:                key_and_value  long[2 * size]
 *                              hash           long[size] (28) or int[size] (30)
 *                              next           int[size]
 *                              index          int[indexSize]
 * </pre>
 *
 * The host's policy says how wide a hash is and what goes in index_bits
 * and unused_key; everything else is the same for every host.
 *
 * This class owns the memory (two blocks of its {@link BlockPool},
 * allocated here, freed here, closed exactly once; a second close does
 * nothing) and knows the offsets; the slot semantics are {@link
 * LiveTable}'s.  It writes only what LiveTable tells it to, so the store
 * stays the one writer.
 */
final class TableLayout implements AutoCloseable {
    /** Byte offsets in struct hts_layout; BoundaryTest checks them against the C header. */
    static final int COUNT = 0, SIZE = 8, NEXT_FREE = 16, INDEX_SIZE = 24, INDEX_BITS = 32,
        UNUSED_KEY = 40, MODIFF = 48, KEY_AND_VALUE = 56, HASH = 64, NEXT = 72, INDEX = 80,
        HEADER_BYTES = 88;

    /**
     * The largest arrays block a ByteBuffer can span: some 76 million slots.
     * A bigger table is "Hash table too large", where stock would try.
     */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final BlockPool pool;
    private final HostPolicy host;
    /** 8 or 4: the host's hash width. */
    private final int hashBytes;
    /** The header: its block, the buffer it is in and its offset there, and its address for C. */
    private final long headerBlock;
    private ByteBuffer header;
    private final int h;
    private final long headerAddress;
    /** The arrays: their block, its buffer and offset, and its bytes. */
    private long arraysBlock;
    private ByteBuffer arrays;
    private int a;
    private int arraysBytes;
    private int size;
    private int indexSize;
    private int hashOffset, nextOffset, indexOffset;

    private TableLayout(BlockPool pool, HostPolicy host, int size, int indexSize) {
        this.pool = pool;
        this.host = host;
        this.hashBytes = host.hashBytes();
        int bytes = arraysBytes(hashBytes, size, indexSize);
        this.headerBlock = pool.allocate(HEADER_BYTES);
        this.header = pool.buffer(headerBlock);
        this.h = BlockPool.offset(headerBlock);
        this.headerAddress = pool.address(headerBlock);
        header.putLong(h + UNUSED_KEY, host.unusedKey());
        try {
            install(size, indexSize, bytes);
        } catch (RuntimeException | Error e) {
            pool.free(headerBlock, HEADER_BYTES);
            header = null;
            throw e;
        }
    }

    /** Fresh memory for SIZE slots and INDEXSIZE buckets, all zero, laid out as HOST reads it. */
    static TableLayout allocate(BlockPool pool, HostPolicy host, int size, int indexSize) {
        return new TableLayout(pool, host, size, indexSize);
    }

    /** The number of bytes the arrays of a table of this shape take, or TableTooLargeException. */
    static int arraysBytes(int hashBytes, int size, int indexSize) {
        long bytes = (20L + hashBytes) * size + 4L * indexSize;
        bytes = (bytes + 7) & ~7L;
        if (bytes > MAX_BYTES) throw new TableTooLargeException(size);
        return (int) bytes;
    }

    /**
     * Allocates arrays of the new shape and makes them current; the old
     * block is returned, not freed (-1 if there was none).
     */
    private long install(int newSize, int newIndexSize, int bytes) {
        long fresh = pool.allocate(bytes);
        long old = arrays == null ? -1 : arraysBlock;
        arraysBlock = fresh;
        arrays = pool.buffer(fresh);
        a = BlockPool.offset(fresh);
        arraysBytes = bytes;
        size = newSize;
        indexSize = newIndexSize;
        hashOffset = 16 * newSize;
        nextOffset = (16 + hashBytes) * newSize;
        indexOffset = (20 + hashBytes) * newSize;
        long base = pool.address(fresh);
        header.putLong(h + SIZE, newSize);
        header.putLong(h + INDEX_SIZE, newIndexSize);
        header.putLong(h + INDEX_BITS, host.indexBits(newIndexSize));
        header.putLong(h + KEY_AND_VALUE, base);
        header.putLong(h + HASH, base == 0 ? 0 : base + hashOffset);
        header.putLong(h + NEXT, base == 0 ? 0 : base + nextOffset);
        header.putLong(h + INDEX, base == 0 ? 0 : base + indexOffset);
        return old;
    }

    /**
     * Growth: arrays of the new shape holding the old slots' keys, values,
     * hashes and links; the new slots and every bucket are zero, for
     * LiveTable to fill.  The old block is freed once copied.
     */
    void grow(int newSize, int newIndexSize) {
        int oldSize = size, oldBytes = arraysBytes;
        int oldHash = hashOffset, oldNext = nextOffset;
        ByteBuffer oldArrays = arrays;
        int oldA = a;
        long old = install(newSize, newIndexSize, arraysBytes(hashBytes, newSize, newIndexSize));
        arrays.put(a, oldArrays, oldA, 16 * oldSize);
        arrays.put(a + hashOffset, oldArrays, oldA + oldHash, hashBytes * oldSize);
        arrays.put(a + nextOffset, oldArrays, oldA + oldNext, 4 * oldSize);
        pool.free(old, oldBytes);
    }

    /** A layout of the same shape holding the same bytes (copy-hash-table). */
    TableLayout copy() {
        TableLayout c = new TableLayout(pool, host, size, indexSize);
        c.arrays.put(c.a, arrays, a, arraysBytes);
        c.header.put(c.h, header, h, KEY_AND_VALUE);
        return c;
    }

    /** The header's address: what hts_table_layout hands C. */
    long address() {
        return headerAddress;
    }

    int size() { return size; }
    int indexSize() { return indexSize; }

    /** The native memory it holds: header and arrays. */
    long bytes() {
        return header == null ? 0 : HEADER_BYTES + arraysBytes;
    }

    // ---- the header's counters, published by LiveTable ------------------

    void publish(int count, int freeHead) {
        header.putLong(h + COUNT, count);
        header.putLong(h + NEXT_FREE, freeHead);
        header.putLong(h + MODIFF, header.getLong(h + MODIFF) + 1);
    }

    void touch() {
        header.putLong(h + MODIFF, header.getLong(h + MODIFF) + 1);
    }

    // ---- the arrays ----------------------------------------------------

    /*
     * Whole arrays at once, for a table imported at a JVM's start, when
     * this code still runs in the interpreter: one bulk copy costs less
     * there than a call per word.
     */

    /** KV's first 2 * N words become slots 0..N-1's keys and values. */
    void putKeysAndValues(long[] kv, int n) {
        longs().put(0, kv, 0, 2 * n);
    }

    /** HASH (size words), NEXT (size ints) and INDEX (indexSize ints), whole. */
    void putLinks(long[] hash, int[] next, int[] index) {
        IntBuffer ints = ints();
        if (hashBytes == 8) {
            longs().put(hashOffset >> 3, hash, 0, size);
        } else {
            int[] narrow = new int[size];
            for (int i = 0; i < size; i++) narrow[i] = (int) hash[i];
            ints.put(hashOffset >> 2, narrow, 0, size);
        }
        ints.put(nextOffset >> 2, next, 0, size);
        ints.put(indexOffset >> 2, index, 0, indexSize);
    }

    /** The arrays block as a buffer of its own (a view: the pool's blocks are 8-aligned in their slab). */
    private ByteBuffer block() {
        return arrays.slice(a, arraysBytes).order(ByteOrder.nativeOrder());
    }

    private LongBuffer longs() {
        return block().asLongBuffer();
    }

    private IntBuffer ints() {
        return block().asIntBuffer();
    }

    long key(int slot) { return arrays.getLong(a + (slot << 4)); }
    long value(int slot) { return arrays.getLong(a + (slot << 4) + 8); }
    long hash(int slot) {
        return hashBytes == 8 ? arrays.getLong(a + hashOffset + (slot << 3))
            : Integer.toUnsignedLong(arrays.getInt(a + hashOffset + (slot << 2)));
    }
    int next(int slot) { return arrays.getInt(a + nextOffset + (slot << 2)); }
    int head(int bucket) { return arrays.getInt(a + indexOffset + (bucket << 2)); }

    void setKey(int slot, long word) { arrays.putLong(a + (slot << 4), word); }
    void setValue(int slot, long word) { arrays.putLong(a + (slot << 4) + 8, word); }
    void setHash(int slot, long hash) {
        if (hashBytes == 8) arrays.putLong(a + hashOffset + (slot << 3), hash);
        else arrays.putInt(a + hashOffset + (slot << 2), (int) hash);
    }
    void setNext(int slot, int next) { arrays.putInt(a + nextOffset + (slot << 2), next); }
    void setHead(int bucket, int slot) { arrays.putInt(a + indexOffset + (bucket << 2), slot); }

    /** Frees the memory; a second close does nothing. */
    @Override
    public void close() {
        if (header == null) return;
        pool.free(arraysBlock, arraysBytes);
        pool.free(headerBlock, HEADER_BYTES);
        arrays = null;
        header = null;
    }
}
