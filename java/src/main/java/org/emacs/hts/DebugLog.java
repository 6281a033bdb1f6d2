package org.emacs.hts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's debug log, through slf4j.  Starting slf4j costs some 14 ms,
 * which every Emacs would pay at start-up for messages it never prints, so
 * it is started only when debug output has been asked of slf4j-simple: the
 * system property org.slf4j.simpleLogger.defaultLogLevel, or
 * org.slf4j.simpleLogger.log.org.emacs.hts, set to debug or trace (for
 * Emacs, in HTS_JVM_OPTS).
 */
public final class DebugLog {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    /** Null when debug output is off. */
    private final Logger log;

    private DebugLog(Logger log) {
        this.log = log;
    }

    public static DebugLog of(Class<?> c) {
        return new DebugLog(asked(PREFIX + "defaultLogLevel") || asked(PREFIX + "log.org.emacs.hts")
                            ? LoggerFactory.getLogger(c) : null);
    }

    private static boolean asked(String property) {
        String level = System.getProperty(property, "");
        return level.equalsIgnoreCase("debug") || level.equalsIgnoreCase("trace");
    }

    public boolean enabled() {
        return log != null && log.isDebugEnabled();
    }

    public void debug(String format, Object... args) {
        if (log != null) log.debug(format, args);
    }
}
