package org.emacs.hts.bridge;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@link NativeMemory} through one segment that spans the address space
 * (C's pointers arrive as raw addresses).  Needs --enable-native-access,
 * which the shim passes.
 */
final class FfmMemory implements NativeMemory {
    @SuppressWarnings("restricted")   // the shim passes --enable-native-access
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    /** Where {@link #words} puts the words; freed by the JVM once replaced and unreachable. */
    private MemorySegment buffer = MemorySegment.NULL;

    @Override
    public void putLong(long address, long value) {
        ALL.set(JAVA_LONG_UNALIGNED, address, value);
    }

    @Override
    public void getLongs(long address, long[] dst, int n) {
        MemorySegment.copy(ALL, JAVA_LONG_UNALIGNED, address, dst, 0, n);
    }

    @Override
    public void putLongs(long address, long[] src, int n) {
        MemorySegment.copy(src, 0, ALL, JAVA_LONG_UNALIGNED, address, n);
    }

    /**
     * Runs each access once on memory of its own, so that the var handles
     * and copies are linked (some milliseconds) by whoever makes the
     * backend, not by the first call from C.
     */
    void warmUp() {
        long[] scratch = new long[4];
        long address = words(scratch, scratch.length);
        putLong(address, 1);
        putLongs(address, scratch, scratch.length);
        getLongs(address, scratch, scratch.length);
    }

    @Override
    public long words(long[] src, int n) {
        if (buffer.byteSize() < 8L * n) buffer = Arena.ofAuto().allocate(JAVA_LONG, Math.max(n, 1024));
        MemorySegment.copy(src, 0, buffer, JAVA_LONG, 0, n);
        return buffer.address();
    }
}
