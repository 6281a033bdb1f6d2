package org.emacs.hts.bridge;

/**
 * Java's side of the shim's Java-to-C calls (the {@code hts__} functions in
 * native/hts.c) and of C memory, by raw address.  One implementation per
 * backend, so the FFM backend never loads JNA.  Every call is cold or
 * batched; none is made per table entry.
 */
interface ShimAccess {
    /** Hands C entry point {@code id} (an {@link Entry} ordinal) as a function pointer. */
    void setEntry(int id, long function);

    /** Publishes the entry points set so far, after C has checked there are n. */
    void install(int n, String backend);

    /** Sets the calling thread's line for hts_error (). */
    void setError(int code, String message);

    /** The host heap's survives_gc_p over a batch: out[i] = 1 if words[i] survives. */
    void heapSurvives(long[] words, int n, byte[] out);

    /** The host heap's mark_object over a batch. */
    void heapMark(long[] words, int n);

    /** The shim's word buffer grown to at least n words; 0 if C is out of memory. */
    long wordBuffer(long n);

    /** Does nothing in C: the Java-to-C crossing benchmark. */
    void noop();

    void putLong(long address, long value);

    /** Copies n longs from C memory at address into dst, in one call. */
    void getLongs(long address, long[] dst, int n);

    /** Copies n longs from src into C memory at address, in one call. */
    void putLongs(long address, long[] src, int n);
}
