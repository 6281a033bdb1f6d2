package org.emacs.hts;

/** Emacs's "Hash table too large": the requested size exceeds what the store can address. */
public final class TableTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TableTooLargeException(long requested) {
        super("Hash table too large (" + requested + " slots requested)");
    }
}
