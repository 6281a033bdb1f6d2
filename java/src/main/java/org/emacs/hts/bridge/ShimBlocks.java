package org.emacs.hts.bridge;

import java.nio.ByteBuffer;
import org.emacs.hts.NativeBlocks;

/**
 * Slabs from the shim (calloc and free through {@link JniShim}), so that C
 * reads tables' memory: what every backend's {@link org.emacs.hts.BlockPool}
 * draws on.  Under AddressSanitizer (the shim built with it) a block the
 * pool frees is poisoned until reused, so that a C read of a table's
 * freed arrays is still reported.
 */
final class ShimBlocks implements NativeBlocks {
    private final boolean poisons = JniShim.poisons();

    @Override
    public ByteBuffer allocate(int bytes) {
        ByteBuffer b = JniShim.allocate(bytes);
        if (b == null) throw new OutOfMemoryError("no native memory for " + bytes + " bytes");
        return b;
    }

    @Override
    public ByteBuffer allocateKept(int bytes) {
        ByteBuffer b = JniShim.allocateSlab(bytes);
        if (b == null) throw new OutOfMemoryError("no native memory for " + bytes + " bytes");
        return b;
    }

    @Override
    public long address(ByteBuffer block) {
        return JniShim.address(block);
    }

    @Override
    public void free(ByteBuffer block) {
        JniShim.free(block);
    }

    @Override
    public void released(long address, int bytes) {
        if (poisons) JniShim.poison(address, bytes, true);
    }

    @Override
    public void reused(long address, int bytes) {
        if (poisons) JniShim.poison(address, bytes, false);
    }
}
