package org.emacs.hts.bridge;

import org.emacs.hts.StaleHandleException;
import org.emacs.hts.TableTooLargeException;

/**
 * hts.h's status codes, and the translation of a Java exception into one:
 * a bad handle, slot or parameter from C is an IllegalArgumentException
 * (or a StaleHandleException), and anything else that is not about
 * memory or size is the store's own bug, INTERNAL.
 */
final class Status {
    static final int OK = 0;
    static final int ARG = -2;
    static final int TOO_LARGE = -3;
    static final int MEMORY = -4;
    static final int INTERNAL = -6;

    private Status() {}

    static int codeOf(Throwable e) {
        if (e instanceof OutOfMemoryError) return MEMORY;
        if (e instanceof TableTooLargeException) return TOO_LARGE;
        if (e instanceof StaleHandleException || e instanceof IllegalArgumentException) return ARG;
        return INTERNAL;
    }

    /**
     * Reports an exception to C and returns its code.  Never throws: an
     * exception escaping an FFM upcall ends the process, and one escaping
     * a JNA callback is printed and hands C a 0.
     */
    static long report(Throwable e) {
        int code = codeOf(e);
        try {
            String m = e.getMessage();
            JniShim.setError(code, code == INTERNAL || m == null ? e.toString() : m);
        } catch (Throwable ignored) {
            // Out of memory again, most likely: the code alone must do.
        }
        return code;
    }
}
