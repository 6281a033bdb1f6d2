package org.emacs.hts.bridge;

import org.emacs.hts.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the C shim enters Java, once, right after it has created (or found)
 * the JVM: {@link #install} binds the shim's downcalls, makes the entry
 * points and hands their function pointers to C.
 */
public final class Bridge {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    /**
     * The installed backend.  C holds raw pointers into it, so it must stay
     * reachable for the life of the process: a collected JNA callback makes
     * its pointer silently return 0.
     */
    private static JnaBackend installed;

    private Bridge() {}

    /**
     * Called by the shim through JNI.  Returns null on success, or a one-line
     * reason.  {@code shimPath} is the shim library's file (null: search the
     * process).
     */
    public static synchronized String install(String shimPath) {
        if (installed != null) return null;
        try {
            Shim.bind(shimPath);
            JnaBackend backend = new JnaBackend(new Entries(Registry.global(), TestHooks.fromEnvironment()));
            backend.install();
            installed = backend;
            LOG.debug("installed the JNA entry points from {}", shimPath);
            return null;
        } catch (Throwable e) {
            return "the Java bridge failed to start: " + e;
        }
    }
}
