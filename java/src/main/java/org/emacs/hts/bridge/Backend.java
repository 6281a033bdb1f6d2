package org.emacs.hts.bridge;

/**
 * How the entry point becomes a C function pointer: JNA callbacks on any
 * JDK, or FFM upcall stubs on JDK 22 and later (about ten times cheaper to
 * call).  A backend must stay reachable for the life of the process, since C
 * holds pointers into it.
 */
interface Backend {
    /**
     * Makes {@link Dispatch} available to C: returns its address for the
     * shim to publish itself, or 0 if the backend has handed it over
     * already (JNA must, through a direct-mapped call, to get its fast
     * trampoline).
     */
    long install();

    /** "jna" or "ffm", as hts_backend () reports it. */
    String name();
}
