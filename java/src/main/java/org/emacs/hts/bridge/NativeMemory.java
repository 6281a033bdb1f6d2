package org.emacs.hts.bridge;

import com.sun.jna.Pointer;

/**
 * Reads and writes C memory by raw address, for the entry points' out
 * parameters and bulk arguments.  One Pointer at address 0 serves every
 * address as an offset, so nothing is allocated per call.
 */
final class NativeMemory {
    private static final Pointer BASE = new Pointer(0);

    private NativeMemory() {}

    static void putLong(long address, long value) {
        BASE.setLong(address, value);
    }

    /** Copies n longs from C memory at address into dst, in one call. */
    static void getLongs(long address, long[] dst, int n) {
        BASE.read(address, dst, 0, n);
    }

    /** Copies n longs from src to C memory at address, in one call. */
    static void putLongs(long address, long[] src, int n) {
        BASE.write(address, src, 0, n);
    }
}
