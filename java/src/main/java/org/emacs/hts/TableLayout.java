package org.emacs.hts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One table's memory, laid out as include/hts_layout.h declares it, so that
 * C reads it with no call into Java: a header that stays at one address for
 * the table's life, and arrays that growth replaces.
 *
 * <pre>
 * header (struct hts_layout):  count, size, next_free, index_size,
 *                              index_bits, unused_key, modiff,
 *                              and the addresses of the four arrays
 * arrays:                      key_and_value  long[2 * size]
 *                              hash           long[size] (28) or int[size] (30)
 *                              next           int[size]
 *                              index          int[indexSize]
 * </pre>
 *
 * The arrays of a small table share one block.  Past {@link
 * BlockPool#LARGEST_SMALL} bytes each array is a block of its own, as
 * each is a malloc of its own in stock's maybe_resize_hash_table: one
 * block for all four of a million-entry table is past the largest that
 * glibc's malloc takes from its heap and reuses, so every growth there
 * mapped fresh pages and faulted them all in, where stock's did not.
 * The host's policy says how wide a hash is and what goes in index_bits
 * and unused_key; everything else is the same for every host.
 *
 * This class owns the memory (blocks of its {@link BlockPool},
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
     * The largest arrays a ByteBuffer can span: some 76 million slots.
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
    /**
     * The block the four arrays share, or, past {@link
     * BlockPool#LARGEST_SMALL}, theirs: key_and_value's, hash's, next's and
     * index's ({@code block} then unused).  Each array's buffer and offset there.
     */
    private long block;
    private long[] separate;
    private ByteBuffer kv, hashes, nexts, heads;
    private int kvAt, hashAt, nextAt, indexAt;
    /** The bytes the arrays' blocks were asked for, together. */
    private int arraysBytes;
    private int size;
    private int indexSize;

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
     * Allocates zeroed arrays of the new shape ({@code bytes} together, as
     * {@link #arraysBytes} says) and makes them current; nothing changes
     * if one cannot be had.  The old blocks are the caller's to free.
     */
    private void install(int newSize, int newIndexSize, int bytes) {
        if (bytes <= BlockPool.LARGEST_SMALL) {
            block = pool.allocate(bytes);
            separate = null;
            kv = hashes = nexts = heads = pool.buffer(block);
            kvAt = BlockPool.offset(block);
            hashAt = kvAt + 16 * newSize;
            nextAt = hashAt + hashBytes * newSize;
            indexAt = nextAt + 4 * newSize;
            long base = pool.address(block);
            header.putLong(h + KEY_AND_VALUE, base);
            header.putLong(h + HASH, base == 0 ? 0 : base + 16L * newSize);
            header.putLong(h + NEXT, base == 0 ? 0 : base + (16L + hashBytes) * newSize);
            header.putLong(h + INDEX, base == 0 ? 0 : base + (20L + hashBytes) * newSize);
        } else {
            int[] parts = {16 * newSize, hashBytes * newSize, 4 * newSize, 4 * newIndexSize};
            long[] blocks = new long[4];
            int got = 0;
            try {
                for (; got < 4; got++) blocks[got] = pool.allocate(parts[got]);
            } catch (RuntimeException | Error e) {
                while (got-- > 0) pool.free(blocks[got], parts[got]);
                throw e;
            }
            separate = blocks;
            kv = pool.buffer(blocks[0]);
            hashes = pool.buffer(blocks[1]);
            nexts = pool.buffer(blocks[2]);
            heads = pool.buffer(blocks[3]);
            kvAt = BlockPool.offset(blocks[0]);
            hashAt = BlockPool.offset(blocks[1]);
            nextAt = BlockPool.offset(blocks[2]);
            indexAt = BlockPool.offset(blocks[3]);
            header.putLong(h + KEY_AND_VALUE, pool.address(blocks[0]));
            header.putLong(h + HASH, pool.address(blocks[1]));
            header.putLong(h + NEXT, pool.address(blocks[2]));
            header.putLong(h + INDEX, pool.address(blocks[3]));
            bytes = (20 + hashBytes) * newSize + 4 * newIndexSize;
        }
        arraysBytes = bytes;
        size = newSize;
        indexSize = newIndexSize;
        header.putLong(h + SIZE, newSize);
        header.putLong(h + INDEX_SIZE, newIndexSize);
        header.putLong(h + INDEX_BITS, host.indexBits(newIndexSize));
    }

    /**
     * Gives back arrays: the one BLOCK of BYTES, or, if SEPARATE is not
     * null, its four blocks, for a table of SLOTS slots and BUCKETS buckets.
     */
    private void freeArrays(long block, long[] separate, int slots, int buckets, int bytes) {
        if (separate == null) {
            pool.free(block, bytes);
            return;
        }
        pool.free(separate[3], 4 * buckets);
        pool.free(separate[2], 4 * slots);
        pool.free(separate[1], hashBytes * slots);
        pool.free(separate[0], 16 * slots);
    }

    /**
     * Growth: arrays of the new shape holding the old slots' keys, values,
     * hashes and links; the new slots and every bucket are zero, for
     * LiveTable to fill.  The old blocks are freed once copied.
     */
    void grow(int newSize, int newIndexSize) {
        long oldBlock = block;
        long[] oldSeparate = separate;
        ByteBuffer oldKv = kv, oldHashes = hashes, oldNexts = nexts;
        int oldKvAt = kvAt, oldHashAt = hashAt, oldNextAt = nextAt;
        int oldSize = size, oldIndexSize = indexSize, oldBytes = arraysBytes;
        install(newSize, newIndexSize, arraysBytes(hashBytes, newSize, newIndexSize));
        kv.put(kvAt, oldKv, oldKvAt, 16 * oldSize);
        hashes.put(hashAt, oldHashes, oldHashAt, hashBytes * oldSize);
        nexts.put(nextAt, oldNexts, oldNextAt, 4 * oldSize);
        freeArrays(oldBlock, oldSeparate, oldSize, oldIndexSize, oldBytes);
    }

    /** A layout of the same shape holding the same bytes (copy-hash-table). */
    TableLayout copy() {
        TableLayout c = new TableLayout(pool, host, size, indexSize);
        c.kv.put(c.kvAt, kv, kvAt, 16 * size);
        c.hashes.put(c.hashAt, hashes, hashAt, hashBytes * size);
        c.nexts.put(c.nextAt, nexts, nextAt, 4 * size);
        c.heads.put(c.indexAt, heads, indexAt, 4 * indexSize);
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
        view(this.kv, kvAt, 16 * size).asLongBuffer().put(0, kv, 0, 2 * n);
    }

    /** HASH (size words), NEXT (size ints) and INDEX (indexSize ints), whole. */
    void putLinks(long[] hash, int[] next, int[] index) {
        if (hashBytes == 8) {
            view(hashes, hashAt, 8 * size).asLongBuffer().put(0, hash, 0, size);
        } else {
            int[] narrow = new int[size];
            for (int i = 0; i < size; i++) narrow[i] = (int) hash[i];
            view(hashes, hashAt, 4 * size).asIntBuffer().put(0, narrow, 0, size);
        }
        view(nexts, nextAt, 4 * size).asIntBuffer().put(0, next, 0, size);
        view(heads, indexAt, 4 * indexSize).asIntBuffer().put(0, index, 0, indexSize);
    }

    /** BYTES of BUFFER from AT as a buffer of their own (the pool's blocks are 8-aligned in their slab). */
    private static ByteBuffer view(ByteBuffer buffer, int at, int bytes) {
        return buffer.slice(at, bytes).order(ByteOrder.nativeOrder());
    }

    long key(int slot) { return kv.getLong(kvAt + (slot << 4)); }
    long value(int slot) { return kv.getLong(kvAt + (slot << 4) + 8); }
    long hash(int slot) {
        return hashBytes == 8 ? hashes.getLong(hashAt + (slot << 3))
            : Integer.toUnsignedLong(hashes.getInt(hashAt + (slot << 2)));
    }
    int next(int slot) { return nexts.getInt(nextAt + (slot << 2)); }
    int head(int bucket) { return heads.getInt(indexAt + (bucket << 2)); }

    void setKey(int slot, long word) { kv.putLong(kvAt + (slot << 4), word); }
    void setValue(int slot, long word) { kv.putLong(kvAt + (slot << 4) + 8, word); }
    void setHash(int slot, long hash) {
        if (hashBytes == 8) hashes.putLong(hashAt + (slot << 3), hash);
        else hashes.putInt(hashAt + (slot << 2), (int) hash);
    }
    void setNext(int slot, int next) { nexts.putInt(nextAt + (slot << 2), next); }
    void setHead(int bucket, int slot) { heads.putInt(indexAt + (bucket << 2), slot); }

    /** Frees the memory; a second close does nothing. */
    @Override
    public void close() {
        if (header == null) return;
        freeArrays(block, separate, size, indexSize, arraysBytes);
        pool.free(headerBlock, HEADER_BYTES);
        kv = hashes = nexts = heads = null;
        header = null;
    }
}
