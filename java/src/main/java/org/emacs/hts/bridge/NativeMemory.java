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

    static long getLong(long address) {
        return BASE.getLong(address);
    }
}
