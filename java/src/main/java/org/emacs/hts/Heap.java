package org.emacs.hts;

/**
 * The collector's view of the host heap: Emacs's alloc.c in production, a
 * mock in tests.  Every call carries a whole batch of words, because in
 * production each call is a crossing into C.
 */
public interface Heap {
    /**
     * survives_gc_p for each word: whether it is already marked in this GC, or
     * can never die (fixnums, pure objects, builtin subrs...).
     */
    void survives(long[] words, int n, boolean[] out);

    /** mark_object on each word, and so on everything reachable from it. */
    void mark(long[] words, int n);
}
