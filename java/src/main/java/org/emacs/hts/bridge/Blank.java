package org.emacs.hts.bridge;

/**
 * The crossing's floor, for bench_crossing: a static method with
 * {@link Dispatch#call}'s signature that does nothing, which C calls
 * through JNI and (on JDK 22 and later) through an upcall stub of its own,
 * beside the production entry point.  Never on the production path.
 */
final class Blank {
    private Blank() {}

    /** Returns its second argument, so that the call cannot be dropped. */
    static long call(int op, long a, long b, long c, long d, long e) {
        return a;
    }

    /** An FFM upcall stub to {@link #call}, or 0 where this JDK or jar has no FFM. */
    static long upcallStub() {
        try {
            return (Long) Class.forName("org.emacs.hts.bridge.FfmBlank").getDeclaredMethod("stub").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }
}
