package org.emacs.hts.bridge;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandles;

/** {@link Blank#call} as an upcall stub to a static method: the FFM crossing's floor, for bench_crossing. */
final class FfmBlank {
    private FfmBlank() {}

    @SuppressWarnings("restricted")   // the shim passes --enable-native-access
    static long stub() throws ReflectiveOperationException {
        FunctionDescriptor c = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                                                     JAVA_LONG, JAVA_LONG);
        return Linker.nativeLinker()
            .upcallStub(MethodHandles.lookup().findStatic(Blank.class, "call", c.toMethodType()), c, Arena.global())
            .address();
    }
}
