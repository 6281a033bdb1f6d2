package org.emacs.hts.bridge;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The JNA backend's own calls into the C shim (JNA direct mapping), made
 * once, at installation.  Other calls into C go through {@link JniShim}.
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
}
