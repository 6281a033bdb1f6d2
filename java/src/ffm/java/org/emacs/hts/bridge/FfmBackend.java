package org.emacs.hts.bridge;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import org.emacs.hts.Registry;

/**
 * The FFM backend (JDK 22 and later): one upcall stub per entry point, each
 * a C function pointer straight into the {@link Entries} method, wrapped so
 * that it runs {@link Entries#before} first and turns every exception into a
 * status code (an exception escaping an upcall would end the process).
 * Loaded by {@link Bridge} by name; compiled only by a JDK that has FFM.
 */
final class FfmBackend implements Backend {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final long[] stubs = new long[Entry.values().length];

    private FfmBackend(Entries entries) throws ReflectiveOperationException {
        MethodHandle before = LOOKUP.findVirtual(Entries.class, "before", MethodType.methodType(void.class))
                                    .bindTo(entries);
        MethodHandle report = LOOKUP.findVirtual(Entries.class, "report", MethodType.methodType(long.class, Throwable.class))
                                    .bindTo(entries);
        Linker linker = Linker.nativeLinker();
        for (Entry e : Entry.values()) {
            MethodHandle target = LOOKUP.unreflect(method(e.method)).bindTo(entries);
            // The test-hook entry arms the fault switch, so it does not trip it.
            if (e != Entry.TEST_HOOK) target = MethodHandles.foldArguments(target, before);
            MethodType type = target.type();
            MethodHandle guarded = MethodHandles.catchException(target, Throwable.class,
                MethodHandles.dropArguments(report, 1, type.parameterList()));
            // Arena.global(): the stubs live as long as the process, as C's pointers do.
            stubs[e.ordinal()] = linker.upcallStub(guarded, descriptor(type), Arena.global()).address();
        }
    }

    static FfmBackend create(String shimPath, TestHooks hooks) throws ReflectiveOperationException {
        return new FfmBackend(new Entries(Registry.global(), new FfmShimAccess(shimPath), hooks));
    }

    /** The stubs' addresses, for the shim to publish: no call into C needed. */
    @Override
    public long[] install() {
        return stubs.clone();
    }

    @Override
    public String name() {
        return "ffm";
    }

    // Plain loops, no streams or lambdas: each of those costs start-up a
    // class spun at run time.

    private static Method method(String name) {
        Method found = null;
        for (Method m : Entries.class.getDeclaredMethods()) {
            if (!m.getName().equals(name)) continue;
            if (found != null) throw new IllegalStateException("two Entries methods named " + name);
            found = m;
        }
        if (found == null) throw new IllegalStateException("no Entries method named " + name);
        return found;
    }

    /** The C signature of a method over long, int and float (pointers are longs). */
    private static FunctionDescriptor descriptor(MethodType type) {
        MemoryLayout[] args = new MemoryLayout[type.parameterCount()];
        for (int i = 0; i < args.length; i++) args[i] = layout(type.parameterType(i));
        return FunctionDescriptor.of(layout(type.returnType()), args);
    }

    private static MemoryLayout layout(Class<?> c) {
        if (c == long.class) return JAVA_LONG;
        if (c == int.class) return JAVA_INT;
        if (c == float.class) return JAVA_FLOAT;
        throw new IllegalArgumentException("no C type for " + c);
    }
}
