package org.emacs.hts;

/** A handle that names no table: never issued, or already dropped. */
public final class StaleHandleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    StaleHandleException(long handle) {
        super("no table has handle 0x" + Long.toHexString(handle));
    }
}
