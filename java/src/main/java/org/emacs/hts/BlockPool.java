package org.emacs.hts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The store's allocator of tables' memory: what malloc is to stock
 * Emacs's tables.  Small blocks (up to {@link #LARGEST_SMALL} bytes) are
 * carved from slabs, of 64 KiB at first and up to a megabyte, that the
 * pool takes from its {@link NativeBlocks} and keeps; a freed small block
 * waits, zeroed on its next use, for the next of its size class.  A larger
 * block is a slab of its own, given back when freed.  So making and
 * dropping a small table costs neither a call into C nor a Java object
 * per block, where a direct buffer per block cost both.
 *
 * <p>A block is named by a {@code long}: its slab's index in the high
 * word, its offset in the low one; {@link #buffer}, {@link #offset} and
 * {@link #address} read it.  The pool counts the bytes asked for, which
 * is what a table's memory counts as, and refuses more than its limit
 * (HTS_TEST_MEMORY_LIMIT) with OutOfMemoryError.
 *
 * <p>Not thread-safe: used under the host's global lock, as the tables are.
 */
public final class BlockPool {
    /**
     * The largest block carved from a shared slab.  The size classes up to
     * it are 32 bytes, then four to each doubling (40, 48, 56, 64, 80, ...):
     * powers of two alone would waste up to half of a block, and start every
     * table's arrays at the same offset in a page, so that a GC reading many
     * tables would find them competing for the same cache sets.
     */
    static final int LARGEST_SMALL = 1 << 16;
    private static final int CLASSES = sizeClass(LARGEST_SMALL) + 1;
    private static final int FIRST_SLAB = 1 << 16;
    private static final int LAST_SLAB = 1 << 20;
    /** What a reused block is zeroed from. */
    private static final byte[] ZEROS = new byte[LARGEST_SMALL];

    private final NativeBlocks source;
    private final long limit;
    private long live;

    /** Slabs by index, their addresses (0 where C cannot read them), and the indices free for reuse. */
    private ByteBuffer[] slabs = new ByteBuffer[16];
    private long[] slabAddresses = new long[16];
    private int slabCount;
    private int[] freeSlabIndices = new int[16];
    private int freeSlabCount;

    /** The slab small blocks are carved from now: its index, the next free offset, its end. */
    private int carving = -1;
    private int carvedTo, carveEnd;
    private int nextSlabBytes = FIRST_SLAB;

    /** Per size class, a stack of freed blocks. */
    private final long[][] freed = new long[CLASSES][];
    private final int[] freedCount = new int[CLASSES];

    /** A pool drawing on SOURCE, holding at most LIMIT bytes asked for at once (0: no limit). */
    public BlockPool(NativeBlocks source, long limit) {
        this.source = source;
        this.limit = limit > 0 ? limit : Long.MAX_VALUE;
        for (int c = 0; c < CLASSES; c++) freed[c] = new long[16];
    }

    /** A pool of direct buffers no C reads, without limit: for tests and the JMH benchmark. */
    public static BlockPool direct() {
        return new BlockPool(NativeBlocks.DIRECT, 0);
    }

    /** A zeroed block of {@code bytes} bytes; OutOfMemoryError past the limit or without memory. */
    public long allocate(int bytes) {
        if (bytes > limit - live)
            throw new OutOfMemoryError("HTS_TEST_MEMORY_LIMIT reached");
        long block = bytes > LARGEST_SMALL ? allocateLarge(bytes) : allocateSmall(sizeClass(bytes));
        live += bytes;
        return block;
    }

    /** Gives back a block of {@code bytes} bytes from {@link #allocate}; it must not be used again. */
    public void free(long block, int bytes) {
        live -= bytes;
        int slab = (int) (block >>> 32);
        if (bytes > LARGEST_SMALL) {
            source.free(slabs[slab]);
            slabs[slab] = null;
            if (freeSlabCount == freeSlabIndices.length)
                freeSlabIndices = Arrays.copyOf(freeSlabIndices, 2 * freeSlabCount);
            freeSlabIndices[freeSlabCount++] = slab;
            return;
        }
        int c = sizeClass(bytes);
        source.released(address(block), classBytes(c));
        if (freedCount[c] == freed[c].length) freed[c] = Arrays.copyOf(freed[c], 2 * freedCount[c]);
        freed[c][freedCount[c]++] = block;
    }

    /** The buffer the block is in. */
    public ByteBuffer buffer(long block) {
        return slabs[(int) (block >>> 32)];
    }

    /** The block's offset in its {@link #buffer}. */
    public static int offset(long block) {
        return (int) block;
    }

    /** The block's address, for C; 0 where no C reads it. */
    public long address(long block) {
        long base = slabAddresses[(int) (block >>> 32)];
        return base == 0 ? 0 : base + offset(block);
    }

    /** The bytes asked for by blocks not yet freed. */
    public long liveBytes() {
        return live;
    }

    /** The class of a block of BYTES: 0 for up to 32 bytes, 1 for up to 40, and so on. */
    static int sizeClass(int bytes) {
        if (bytes <= 32) return 0;
        int log = 31 - Integer.numberOfLeadingZeros(bytes - 1);    // 2^log < bytes <= 2^(log+1)
        int quarters = ((bytes - 1) >> (log - 2)) + 1;              // 5 to 8 quarters of 2^log
        return 4 * (log - 5) + quarters - 4;
    }

    /** The bytes of a block of class C. */
    static int classBytes(int c) {
        if (c == 0) return 32;
        return ((c - 1) % 4 + 5) << ((c - 1) / 4 + 3);
    }

    private long allocateSmall(int c) {
        int size = classBytes(c);
        if (freedCount[c] > 0) {
            long block = freed[c][--freedCount[c]];
            source.reused(address(block), size);
            buffer(block).put(offset(block), ZEROS, 0, size);
            return block;
        }
        if (carving < 0 || carveEnd - carvedTo < size) {
            // The rest of the old slab stays unused: less than one block.
            carving = addSlab(source.allocateKept(nextSlabBytes));
            carvedTo = 0;
            carveEnd = nextSlabBytes;
            nextSlabBytes = Math.min(2 * nextSlabBytes, LAST_SLAB);
        }
        long block = (long) carving << 32 | carvedTo;
        carvedTo += size;
        return block;
    }

    private long allocateLarge(int bytes) {
        return (long) addSlab(source.allocate(bytes)) << 32;
    }

    /** A fresh zeroed slab from the source, under an index of its own. */
    private int addSlab(ByteBuffer fresh) {
        ByteBuffer slab = fresh.order(ByteOrder.nativeOrder());
        int i;
        if (freeSlabCount > 0) {
            i = freeSlabIndices[--freeSlabCount];
        } else {
            if (slabCount == slabs.length) {
                slabs = Arrays.copyOf(slabs, 2 * slabCount);
                slabAddresses = Arrays.copyOf(slabAddresses, 2 * slabCount);
            }
            i = slabCount++;
        }
        slabs[i] = slab;
        slabAddresses[i] = source.address(slab);
        return i;
    }
}
