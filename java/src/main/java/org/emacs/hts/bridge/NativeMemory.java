package org.emacs.hts.bridge;

/**
 * C memory, by raw address: the entry points' out-parameters and bulk
 * arguments.  One implementation per backend (JNA's Pointer, or an FFM
 * segment), so the FFM backend never loads JNA.
 */
interface NativeMemory {
    void putLong(long address, long value);

    /** Copies n longs from C memory at address into dst, in one call. */
    void getLongs(long address, long[] dst, int n);

    /** Copies n longs from src into C memory at address, in one call. */
    void putLongs(long address, long[] src, int n);

    /**
     * Copies n words into native memory this object owns and returns its
     * address: what hts_roots hands C, valid until the next call.
     */
    long words(long[] src, int n);
}
