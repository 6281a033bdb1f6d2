package org.emacs.hts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store's allocator, as malloc is stock's: small blocks share slabs and
 * are reused, zeroed, by the next block of their size; a large block is
 * memory of its own, given back when freed; a freed small block is
 * reported (AddressSanitizer poisons it) until reused.  Making and
 * dropping a small table costs a few Java objects, no memory from C.
 */
class BlockPoolTest {
    /** A source that records what the pool asks of it, with addresses C could read. */
    private static final class Source implements NativeBlocks {
        final List<ByteBuffer> kept = new ArrayList<>();
        final List<ByteBuffer> allocated = new ArrayList<>();
        final List<ByteBuffer> freed = new ArrayList<>();
        final List<long[]> released = new ArrayList<>();
        final List<long[]> reused = new ArrayList<>();
        /** Whether to record released and reused blocks (which allocates). */
        boolean recording = true;

        @Override public ByteBuffer allocate(int bytes) {
            ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            allocated.add(b);
            return b;
        }

        @Override public ByteBuffer allocateKept(int bytes) {
            ByteBuffer b = ByteBuffer.allocateDirect(bytes);
            kept.add(b);
            return b;
        }

        /** A made-up address per buffer, 1 MiB apart. */
        @Override public long address(ByteBuffer block) {
            int i = kept.indexOf(block);
            return i >= 0 ? (i + 1L) << 20 : (1000L + allocated.indexOf(block)) << 20;
        }

        @Override public void free(ByteBuffer block) {
            freed.add(block);
        }

        @Override public void released(long address, int bytes) {
            if (recording) released.add(new long[] {address, bytes});
        }

        @Override public void reused(long address, int bytes) {
            if (recording) reused.add(new long[] {address, bytes});
        }
    }

    @Test
    void smallBlocksShareASlabWithoutOverlapping() {
        Source source = new Source();
        BlockPool pool = new BlockPool(source, 0);
        long a = pool.allocate(88), b = pool.allocate(88), c = pool.allocate(1000);
        assertEquals(1, source.kept.size(), "one slab");
        assertTrue(source.allocated.isEmpty(), "nothing of its own");
        assertEquals(pool.buffer(a), pool.buffer(b));
        assertEquals(96, BlockPool.offset(b) - BlockPool.offset(a), "88 bytes take a 96-byte class");
        assertTrue(BlockPool.offset(c) >= BlockPool.offset(b) + 96);
        assertEquals((1L << 20) + BlockPool.offset(c), pool.address(c), "slab address plus offset");
        assertEquals(88 + 88 + 1000, pool.liveBytes(), "the bytes asked for, not the classes'");
    }

    @Test
    void aFreedSmallBlockIsTheNextOfItsClassZeroedAndReportedMeanwhile() {
        Source source = new Source();
        BlockPool pool = new BlockPool(source, 0);
        long a = pool.allocate(100);
        pool.buffer(a).putLong(BlockPool.offset(a) + 8, -1);
        pool.free(a, 100);
        assertEquals(1, source.released.size());
        assertEquals(pool.address(a), source.released.get(0)[0]);
        assertEquals(112, source.released.get(0)[1], "the whole class is poisoned");
        long other = pool.allocate(300);
        assertNotEquals(a, other, "another class does not take it");
        long again = pool.allocate(105);
        assertEquals(a, again, "the same class does");
        assertEquals(1, source.reused.size());
        assertEquals(0, pool.buffer(again).getLong(BlockPool.offset(again) + 8), "zeroed");
    }

    @Test
    void sizeClassesAre32BytesThenFourToADoubling() {
        int[] expected = {32, 40, 48, 56, 64, 80, 96, 112, 128, 160};
        for (int c = 0; c < expected.length; c++) assertEquals(expected[c], BlockPool.classBytes(c));
        for (int bytes = 0; bytes <= BlockPool.LARGEST_SMALL; bytes++) {
            int c = BlockPool.sizeClass(bytes);
            assertTrue(BlockPool.classBytes(c) >= bytes, bytes + " fits its class");
            assertTrue(c == 0 || BlockPool.classBytes(c - 1) < bytes, bytes + " takes the smallest that fits");
            assertEquals(0, BlockPool.classBytes(c) % 8, "8-aligned");
        }
        assertEquals(BlockPool.LARGEST_SMALL, BlockPool.classBytes(BlockPool.sizeClass(BlockPool.LARGEST_SMALL)));
    }

    @Test
    void aLargeBlockIsMemoryOfItsOwnGivenBackWhenFreed() {
        Source source = new Source();
        BlockPool pool = new BlockPool(source, 0);
        int large = BlockPool.LARGEST_SMALL + 1;
        long a = pool.allocate(large);
        assertEquals(1, source.allocated.size());
        assertEquals(0, BlockPool.offset(a));
        assertEquals(source.allocated.get(0), pool.buffer(a));
        pool.free(a, large);
        assertEquals(source.allocated, source.freed);
        assertTrue(source.released.isEmpty(), "freed, not kept: the source itself reports a use after free");
        assertEquals(0, pool.liveBytes());
    }

    @Test
    void theLimitCountsBytesAskedForAndRefusesMore() {
        BlockPool pool = new BlockPool(new Source(), 1000);
        long a = pool.allocate(600);
        assertThrows(OutOfMemoryError.class, () -> pool.allocate(500));
        pool.free(a, 600);
        pool.allocate(1000);
        assertEquals(1000, pool.liveBytes());
    }

    @Test
    void makingAndDroppingSmallTablesCostsNoMemoryFromTheSourceOnceWarm() {
        Source source = new Source();
        source.recording = false;
        BlockPool pool = new BlockPool(source, 0);
        HostPolicy host = new Emacs30(ModelTest.UNUSED);
        for (int i = 0; i < 1000; i++) LiveTable.create(host, pool, 4, 0, 0, Weakness.NONE).close();
        int slabs = source.kept.size();
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            LiveTable t = LiveTable.create(host, pool, 4, 0, 0, Weakness.NONE);
            t.insert(8L * i + 2, i, i);
            t.close();
        }
        long perTable = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / n;
        assertEquals(slabs, source.kept.size(), "no new slab");
        assertTrue(source.allocated.isEmpty(), "no block of its own");
        assertEquals(0, pool.liveBytes());
        // A LiveTable and its TableLayout: where a direct buffer per block cost two more, and a call into C each.
        assertTrue(perTable <= 160, perTable + " bytes of Java heap per table");
    }
}
