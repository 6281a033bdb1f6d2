package org.emacs.hts.bridge;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.emacs.hts.HostPolicy;
import org.emacs.hts.Registry;

/**
 * The FFM backend (JDK 22 and later): {@link Dispatch} as one upcall stub,
 * about ten times cheaper to call than a JNA callback.  Loaded by
 * {@link Bridge} by name; compiled only by a JDK that has FFM.
 */
final class FfmBackend implements Backend {
    /** The stub's address; Arena.global(): it lives as long as the process, as C's pointer does. */
    private final long stub;

    @SuppressWarnings("restricted")   // the shim passes --enable-native-access
    private FfmBackend(Dispatch dispatch) throws ReflectiveOperationException {
        MethodHandle call = MethodHandles.lookup()
            .findVirtual(Dispatch.class, "call", MethodType.methodType(long.class, int.class, long.class,
                                                                      long.class, long.class, long.class, long.class))
            .bindTo(dispatch);
        FunctionDescriptor c = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                                                     JAVA_LONG, JAVA_LONG);
        stub = Linker.nativeLinker().upcallStub(call, c, Arena.global()).address();
    }

    static FfmBackend create(HostPolicy host, TestHooks hooks) throws ReflectiveOperationException {
        FfmMemory memory = new FfmMemory();
        memory.warmUp();
        return new FfmBackend(new Dispatch(new Operations(Registry.global(), host, memory, hooks)));
    }

    /** The stub's address, for the shim to publish: no call into C needed. */
    @Override
    public long install() {
        return stub;
    }

    @Override
    public String name() {
        return "ffm";
    }
}
