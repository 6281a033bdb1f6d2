package org.emacs.hts.bridge;

/**
 * Calls from Java into the C shim: JNI natives that the shim registers
 * (RegisterNatives) before it starts the bridge, the same for both
 * backends.  Binding them costs nothing at start-up, where an FFM downcall
 * handle costs tens of milliseconds.  Every call is cold or batched: an
 * error, a slab, or a batch of words.
 */
final class JniShim {
    private JniShim() {}

    /** Sets the calling thread's line for hts_error (). */
    static native void setError(int code, String message);

    /** Does nothing in C: the Java-to-C crossing benchmark. */
    static native void noop();

    /** Makes ADDRESS the entry point C calls from now on, under backend NAME. */
    static native void publishEntry(long address, String name);

    /** C memory for the JNI backend (JniMemory). */
    static native void putLong(long address, long value);

    static native void getLongs(long address, long[] dst, int n);

    static native void putLongs(long address, long[] src, int n);

    /** A zeroed block of n bytes (calloc) as a direct buffer; null if there is no memory. */
    static native java.nio.ByteBuffer allocate(int n);

    /** Like {@link #allocate}, for a block never freed: the shim keeps it for the process's life. */
    static native java.nio.ByteBuffer allocateSlab(int n);

    /** The address of a block from {@link #allocate}. */
    static native long address(java.nio.ByteBuffer block);

    /** Frees a block from {@link #allocate}. */
    static native void free(java.nio.ByteBuffer block);

    /** Whether the shim was built with AddressSanitizer, which {@link #poison} then serves. */
    static native boolean poisons();

    /** Makes N bytes at ADDRESS an error to touch (ON), or fine again: AddressSanitizer's poisoning. */
    static native void poison(long address, int n, boolean on);

    /** Copies n words into memory the shim owns; returns its address, valid until the next call. */
    static native long words(long[] src, int n);

    /**
     * The environment variable NAME, or null: C's getenv.  System.getenv
     * would first copy the whole environment into maps, a millisecond of
     * every Emacs's start-up.
     */
    static native String getenv(String name);
}
