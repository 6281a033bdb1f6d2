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
 * This class owns the memory (allocated here, freed here, closed exactly
 * once; a second close does nothing) and knows the offsets; the slot
 * semantics are {@link LiveTable}'s.  It writes only what LiveTable tells
 * it to, so the store stays the one writer.
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

    private final NativeBlocks blocks;
    private final HostPolicy host;
    /** 8 or 4: the host's hash width. */
    private final int hashBytes;
    private ByteBuffer header;
    /** The header's address, asked of the blocks once: C asks for it with every table it makes. */
    private final long headerAddress;
    private ByteBuffer arrays;
    private int size;
    private int indexSize;
    private int hashOffset, nextOffset, indexOffset;

    private TableLayout(NativeBlocks blocks, HostPolicy host, int size, int indexSize) {
        this.blocks = blocks;
        this.host = host;
        this.hashBytes = host.hashBytes();
        this.header = blocks.allocate(HEADER_BYTES);
        this.headerAddress = blocks.address(header);
        header.putLong(UNUSED_KEY, host.unusedKey());
        try {
            install(size, indexSize);
        } catch (RuntimeException | Error e) {
            blocks.free(header);
            header = null;
            throw e;
        }
    }

    /** Fresh memory for SIZE slots and INDEXSIZE buckets, all zero, laid out as HOST reads it. */
    static TableLayout allocate(NativeBlocks blocks, HostPolicy host, int size, int indexSize) {
        return new TableLayout(blocks, host, size, indexSize);
    }

    /** The number of bytes the arrays of a table of this shape take, or TableTooLargeException. */
    static int arraysBytes(int hashBytes, int size, int indexSize) {
        long bytes = (20L + hashBytes) * size + 4L * indexSize;
        bytes = (bytes + 7) & ~7L;
        if (bytes > MAX_BYTES) throw new TableTooLargeException(size);
        return (int) bytes;
    }

    /** Allocates arrays of the new shape and makes them current; the old block is returned, not freed. */
    private ByteBuffer install(int newSize, int newIndexSize) {
        ByteBuffer fresh = blocks.allocate(arraysBytes(hashBytes, newSize, newIndexSize));
        ByteBuffer old = arrays;
        arrays = fresh;
        size = newSize;
        indexSize = newIndexSize;
        hashOffset = 16 * newSize;
        nextOffset = (16 + hashBytes) * newSize;
        indexOffset = (20 + hashBytes) * newSize;
        long base = blocks.address(fresh);
        header.putLong(SIZE, newSize);
        header.putLong(INDEX_SIZE, newIndexSize);
        header.putLong(INDEX_BITS, host.indexBits(newIndexSize));
        header.putLong(KEY_AND_VALUE, base);
        header.putLong(HASH, base == 0 ? 0 : base + hashOffset);
        header.putLong(NEXT, base == 0 ? 0 : base + nextOffset);
        header.putLong(INDEX, base == 0 ? 0 : base + indexOffset);
        return old;
    }

    /**
     * Growth: arrays of the new shape holding the old slots' keys, values,
     * hashes and links; the new slots and every bucket are zero, for
     * LiveTable to fill.  The old block is freed once copied.
     */
    void grow(int newSize, int newIndexSize) {
        int oldSize = size;
        int oldHash = hashOffset, oldNext = nextOffset;
        ByteBuffer old = install(newSize, newIndexSize);
        arrays.put(0, old, 0, 16 * oldSize);
        arrays.put(hashOffset, old, oldHash, hashBytes * oldSize);
        arrays.put(nextOffset, old, oldNext, 4 * oldSize);
        blocks.free(old);
    }

    /** A layout of the same shape holding the same bytes (copy-hash-table). */
    TableLayout copy() {
        TableLayout c = new TableLayout(blocks, host, size, indexSize);
        c.arrays.put(0, arrays, 0, arrays.capacity());
        c.header.put(0, header, 0, KEY_AND_VALUE);
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
        return header == null ? 0 : HEADER_BYTES + arrays.capacity();
    }

    // ---- the header's counters, published by LiveTable ------------------

    void publish(int count, int freeHead) {
        header.putLong(COUNT, count);
        header.putLong(NEXT_FREE, freeHead);
        header.putLong(MODIFF, header.getLong(MODIFF) + 1);
    }

    void touch() {
        header.putLong(MODIFF, header.getLong(MODIFF) + 1);
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

    private LongBuffer longs() {
        return arrays.duplicate().order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    private IntBuffer ints() {
        return arrays.duplicate().order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    long key(int slot) { return arrays.getLong(slot << 4); }
    long value(int slot) { return arrays.getLong((slot << 4) + 8); }
    long hash(int slot) {
        return hashBytes == 8 ? arrays.getLong(hashOffset + (slot << 3))
            : Integer.toUnsignedLong(arrays.getInt(hashOffset + (slot << 2)));
    }
    int next(int slot) { return arrays.getInt(nextOffset + (slot << 2)); }
    int head(int bucket) { return arrays.getInt(indexOffset + (bucket << 2)); }

    void setKey(int slot, long word) { arrays.putLong(slot << 4, word); }
    void setValue(int slot, long word) { arrays.putLong((slot << 4) + 8, word); }
    void setHash(int slot, long hash) {
        if (hashBytes == 8) arrays.putLong(hashOffset + (slot << 3), hash);
        else arrays.putInt(hashOffset + (slot << 2), (int) hash);
    }
    void setNext(int slot, int next) { arrays.putInt(nextOffset + (slot << 2), next); }
    void setHead(int bucket, int slot) { arrays.putInt(indexOffset + (bucket << 2), slot); }

    /** Frees the memory; a second close does nothing. */
    @Override
    public void close() {
        if (header == null) return;
        blocks.free(arrays);
        blocks.free(header);
        arrays = null;
        header = null;
    }
}
