package org.emacs.hts;

/**
 * A mutation attempted while the table is lent out read-only.  Emacs forbids
 * this while a user-defined test runs on the table, and signals
 * "hash table test modifies table"; the store refuses the same way.
 */
public final class TableBorrowedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TableBorrowedException() {
        super("hash table test modifies table");
    }
}
