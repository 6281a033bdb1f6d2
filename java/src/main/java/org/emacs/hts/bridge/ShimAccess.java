package org.emacs.hts.bridge;

/**
 * Java's side of the shim's Java-to-C calls (the {@code hts__} functions in
 * native/hts.c) and of C memory, by raw address.  One implementation per
 * backend, so the FFM backend never loads JNA.  Every call is cold or
 * batched; none is made per table entry, and none at start-up.
 */
interface ShimAccess {
    /** Sets the calling thread's line for hts_error (). */
    void setError(int code, String message);

    /** The host heap's survives_gc_p over a batch: out[i] = 1 if words[i] survives. */
    void heapSurvives(long[] words, int n, byte[] out);

    /** The host heap's mark_object over a batch. */
    void heapMark(long[] words, int n);

    /**
     * Copies n words into native memory this object owns and returns its
     * address: what hts_mark and hts_roots hand C, valid until the next call.
     */
    long words(long[] src, int n);

    /** Does nothing in C: the Java-to-C crossing benchmark. */
    void noop();

    void putLong(long address, long value);

    /** Copies n longs from C memory at address into dst, in one call. */
    void getLongs(long address, long[] dst, int n);

    /** Copies n longs from src into C memory at address, in one call. */
    void putLongs(long address, long[] src, int n);
}
