package org.emacs.hts.bridge;

/**
 * How the entry points become C function pointers: JNA callbacks on any
 * JDK, or FFM upcall stubs on JDK 22 and later (about ten times cheaper to
 * call).  A backend must stay reachable for the life of the process, since C
 * holds pointers into it.
 */
interface Backend {
    /** Hands every entry point to C and publishes them. */
    void install();

    /** "jna" or "ffm", as hts_backend () reports it. */
    String name();
}
