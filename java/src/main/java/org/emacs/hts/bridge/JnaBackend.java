package org.emacs.hts.bridge;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import org.emacs.hts.HostPolicy;
import org.emacs.hts.Registry;

/**
 * The JNA backend: {@link Dispatch} as one JNA callback.  A thread that
 * calls in unattached is attached once, as a daemon, and stays attached.
 */
final class JnaBackend implements Backend {
    /** The C signature of hts__dispatch. */
    interface DispatchCallback extends Callback {
        long invoke(int op, long a, long b, long c, long d, long e);
    }

    /** C holds a pointer into this; it lives as long as the backend. */
    private final DispatchCallback callback;

    private JnaBackend(Dispatch dispatch) {
        callback = dispatch::call;
        Native.setCallbackThreadInitializer(callback, new CallbackThreadInitializer(true, false, "hts-caller"));
    }

    /** Makes the backend: binds {@link Shim} to the shim library, then makes the callback. */
    static JnaBackend create(String shimPath, HostPolicy host, TestHooks hooks) {
        Shim.bind(shimPath);
        return new JnaBackend(new Dispatch(new Operations(Registry.global(), host, new JnaMemory(), hooks)));
    }

    /**
     * Hands C the callback itself: passing it through a direct-mapped call
     * is what makes JNA build a direct trampoline, about twice as fast to
     * call as one from CallbackReference.getFunctionPointer.  Returns 0.
     */
    @Override
    public long install() {
        Shim.hts__set_dispatch(callback);
        Shim.hts__install(Dispatch.N_OPS, name());
        return 0;
    }

    @Override
    public String name() {
        return "jna";
    }
}
