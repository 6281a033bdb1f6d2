package org.emacs.hts.bridge;

import java.nio.ByteBuffer;
import org.emacs.hts.NativeBlocks;

/**
 * Tables' memory from the shim (calloc and free through {@link JniShim}),
 * so that C reads it and AddressSanitizer sees every block: what every
 * backend uses.  A test may cap the bytes live at once
 * (HTS_TEST_MEMORY_LIMIT, with HTS_TEST_HOOKS=1), so that running out of
 * memory can be tested without exhausting the machine's.
 */
final class ShimBlocks implements NativeBlocks {
    private final long limit;
    private long live;

    ShimBlocks(long limit) {
        this.limit = limit > 0 ? limit : Long.MAX_VALUE;
    }

    @Override
    public ByteBuffer allocate(int bytes) {
        if (bytes > limit - live) throw new OutOfMemoryError("HTS_TEST_MEMORY_LIMIT reached");
        ByteBuffer b = JniShim.allocate(bytes);
        if (b == null) throw new OutOfMemoryError("no native memory for " + bytes + " bytes");
        live += bytes;
        return b.order(java.nio.ByteOrder.nativeOrder());
    }

    @Override
    public long address(ByteBuffer block) {
        return JniShim.address(block);
    }

    @Override
    public void free(ByteBuffer block) {
        live -= block.capacity();
        JniShim.free(block);
    }
}
