package org.emacs.hts.bridge;

/**
 * How the entry point becomes a C function pointer: JNA callbacks on any
 * JDK, or FFM upcall stubs on JDK 22 and later (about ten times cheaper to
 * call); or how C calls it through JNI (the JNI backend).  A backend must
 * stay reachable for the life of the process, since C holds pointers into
 * it.
 */
interface Backend {
    /**
     * Makes {@link Dispatch} available to C: returns its address for the
     * shim to publish itself, or 0 if the backend has handed it over
     * already (JNA must, through a direct-mapped call, to get its fast
     * trampoline).
     */
    long install();

    /**
     * What C is to call through JNI, an object with {@link Dispatch}'s
     * {@code long call(int, long, long, long, long, long)}; or null if C is
     * to call the address {@link #install} gave.
     */
    default Object jniEntry() {
        return null;
    }

    /** "jna", "ffm" or "jni", as hts_backend () reports it. */
    String name();
}
