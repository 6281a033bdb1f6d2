package org.emacs.hts.bridge;

import java.lang.reflect.InvocationTargetException;
import org.emacs.hts.DebugLog;
import org.emacs.hts.Emacs28;
import org.emacs.hts.Emacs30;
import org.emacs.hts.HostPolicy;

/**
 * Where the C shim enters Java, once, right after it has created (or found)
 * the JVM and registered {@link JniShim}'s natives: {@link #install} picks a
 * backend, which makes {@link Dispatch} a C function pointer.
 *
 * <p>The backend is FFM where the JDK has it (22 and later; its classes are
 * in emacs-hts-ffm.jar, built only by such a JDK), else JNA.  FFM starts on
 * JNI: its upcall stub is made by a thread of its own once the host has
 * made enough calls for it to pay, while C calls through JNI (see {@link
 * JniBackend}); a jar built without the FFM classes then stays on JNI.
 * HTS_BACKEND=jna, =ffm or =jni in the environment forces one; a forced
 * FFM that cannot load is an error.
 */
public final class Bridge {
    private static final DebugLog LOG = DebugLog.of(Bridge.class);
    private static final String FFM_BACKEND = "org.emacs.hts.bridge.FfmBackend";

    /** The installed backend: C holds raw pointers into it, so it lives as long as the process. */
    private static Backend installed;
    /** The entry point's address, when the shim is to publish it itself; else 0. */
    private static long address;

    private Bridge() {}

    /**
     * Called by the shim through JNI.  Returns null on success, or a one-line
     * reason.  {@code shimPath} is the shim library's file (null: search the
     * process); {@code hostVersion} and {@code unusedKey} are hts_set_host's.
     */
    public static synchronized String install(String shimPath, int hostVersion, long unusedKey) {
        if (installed != null) return null;
        String wanted = JniShim.getenv("HTS_BACKEND");
        if (wanted != null && !wanted.equals("jna") && !wanted.equals("ffm") && !wanted.equals("jni"))
            return "HTS_BACKEND must be jna, ffm or jni, not " + wanted;
        try {
            HostPolicy host = hostVersion == 30 ? new Emacs30(unusedKey) : new Emacs28(unusedKey);
            TestHooks hooks = TestHooks.fromEnvironment();
            Backend backend = "jni".equals(wanted) ? new JniBackend(host, hooks, null)
                : "jna".equals(wanted) ? null : ffm(host, hooks, "ffm".equals(wanted));
            if (backend == null) backend = JnaBackend.create(shimPath, host, hooks);
            address = backend.install();
            installed = backend;
            LOG.debug("installed the {} entry points from {} for {}", backend.name(), shimPath, host);
            return null;
        } catch (Throwable e) {
            Throwable why = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            return "the Java bridge failed to start: " + why;
        }
    }

    /**
     * Called by the shim through JNI after {@link #install}: the entry
     * point's address, or 0 if the backend has handed it over itself.
     * Publishing it from C needs no call from Java into C, whose first use
     * costs FFM tens of milliseconds.
     */
    public static synchronized long entryAddress() {
        return address;
    }

    /** Called by the shim through JNI after {@link #install}: what C is to call through JNI, or null. */
    public static synchronized Object jniEntry() {
        return installed == null ? null : installed.jniEntry();
    }

    /** Waits until a backend that starts on JNI has handed C its own entry point (the AOT training run). */
    static void awaitStart() throws InterruptedException {
        Backend b;
        synchronized (Bridge.class) {
            b = installed;
        }
        if (b instanceof JniBackend) ((JniBackend) b).awaitHandOver();
    }

    /** Called by the shim through JNI: how many operations Java knows. */
    public static int operations() {
        return Dispatch.N_OPS;
    }

    /** Called by the shim through JNI: the installed backend's name. */
    public static synchronized String backendName() {
        return installed == null ? null : installed.name();
    }

    /**
     * The FFM backend, started on JNI, or null where this JDK lacks it and
     * it was not forced.  Its class is looked up by the thread that makes
     * its stub, which a short Emacs never starts (no reflection at
     * start-up); unless forced, when a jar without it is an error at once.
     */
    private static Backend ffm(HostPolicy host, TestHooks hooks, boolean forced) throws Exception {
        if (Runtime.version().feature() < 22) {
            if (forced) throw new IllegalStateException("the FFM backend needs JDK 22 or later");
            return null;
        }
        if (forced) Class.forName(FFM_BACKEND);
        return new JniBackend(host, hooks, FFM_BACKEND);
    }
}
