package org.emacs.hts.bridge;

/**
 * How the entry points become C function pointers: JNA callbacks on any
 * JDK, or FFM upcall stubs on JDK 22 and later (about ten times cheaper to
 * call).  A backend must stay reachable for the life of the process, since C
 * holds pointers into it.
 */
interface Backend {
    /**
     * Makes the entry points available to C: returns their addresses, in
     * {@link Entry} order, for the shim to publish itself, or null if the
     * backend has handed them over already (JNA must, through a
     * direct-mapped call, to get its fast trampolines).
     */
    long[] install();

    /** "jna" or "ffm", as hts_backend () reports it. */
    String name();
}
