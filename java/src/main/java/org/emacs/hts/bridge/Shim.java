package org.emacs.hts.bridge;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Calls from Java into the C shim (JNA direct mapping, the fast kind of JNA
 * call).  Every one is cold or batched: errors, installation, and the weak
 * phases' per-table queries of the host heap.
 */
final class Shim {
    private Shim() {}

    /** Binds these methods to the shim library at {@code path} (null: the process itself). */
    static void bind(String path) {
        NativeLibrary lib = path == null ? NativeLibrary.getProcess() : NativeLibrary.getInstance(path);
        Native.register(Shim.class, lib);
    }

    /** Hands C the entry point, {@link JnaBackend}'s callback. */
    static native void hts__set_dispatch(Callback dispatch);

    /** Publishes the entry point, after checking that Java knows n operations. */
    static native void hts__install(int n, String backend);

    /** Sets the calling thread's error message for hts_error (). */
    static native void hts__set_error(int code, String message);

    /** The host heap's survives_gc_p over a batch; out[i] = 1 if words[i] survives. */
    static native void hts__heap_survives(long[] words, long n, byte[] out);

    /** The host heap's mark_object over a batch. */
    static native void hts__heap_mark(long[] words, long n);

    /** Does nothing: the Java-to-C crossing benchmark. */
    static native void hts__noop();
}
