package org.emacs.hts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a {@link BlockPool} gets its slabs: zeroed native memory that C
 * can read.  In a process with the shim it is the shim's (calloc and
 * free); {@link #DIRECT} serves the Java-only tests and the JMH benchmark,
 * where no C reads it.  Each buffer is freed at most once, by its pool.
 */
public interface NativeBlocks {
    /** A zeroed block of {@code bytes} bytes; OutOfMemoryError if there is none. */
    ByteBuffer allocate(int bytes);

    /** Like {@link #allocate}, for a block that is never freed: a pool's slab. */
    default ByteBuffer allocateKept(int bytes) {
        return allocate(bytes);
    }

    /** The block's address, for C; 0 if C cannot read it. */
    long address(ByteBuffer block);

    /** Gives the block back; it must not be used again. */
    void free(ByteBuffer block);

    /**
     * The pool has freed {@code bytes} bytes at {@code address} inside a
     * block it keeps: a source that can (AddressSanitizer's) makes reading
     * them an error until {@link #reused}.
     */
    default void released(long address, int bytes) {
    }

    /** The pool hands out again what it {@link #released}. */
    default void reused(long address, int bytes) {
    }

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
