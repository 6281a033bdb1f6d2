package org.emacs.hts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where tables' memory comes from: zeroed blocks that C can read.  In a
 * process with the shim they are the shim's (calloc and free, so that
 * AddressSanitizer sees every block and every read of a freed one);
 * {@link #DIRECT} serves the Java-only tests and the JMH benchmark, where
 * no C reads them.  Each block is freed exactly once, by its
 * {@link TableLayout}.
 */
public interface NativeBlocks {
    /** A zeroed block of {@code bytes} bytes in native byte order; OutOfMemoryError if there is none. */
    ByteBuffer allocate(int bytes);

    /** The block's address, for C; 0 if C cannot read it. */
    long address(ByteBuffer block);

    /** Gives the block back; it must not be used again. */
    void free(ByteBuffer block);

    /** Direct buffers the JVM owns and frees when unreachable: no C reader. */
    NativeBlocks DIRECT = new NativeBlocks() {
        @Override public ByteBuffer allocate(int bytes) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }

        @Override public long address(ByteBuffer block) {
            return 0;
        }

        @Override public void free(ByteBuffer block) {
        }
    };
}
