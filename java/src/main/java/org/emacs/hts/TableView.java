package org.emacs.hts;

/**
 * Read-only access to a table's slots, slot by slot.  Words are raw 64-bit
 * Lisp_Object bits and hashes are the non-negative codes C computed.  There
 * is no lookup: C looks keys up itself, over the table's memory
 * (hts_layout.h), and decides every test.
 */
public interface TableView {
    /** Marks a free slot in results: no slot. */
    int NONE = -1;

    /** hash-table-count. */
    int count();

    /** hash-table-size: the slots, free ones included. */
    int size();

    Weakness weakness();

    boolean isLive(int slot);

    /** The key in a live slot. */
    long key(int slot);

    /** The value in a live slot. */
    long value(int slot);

    /** The hash stored with a live slot. */
    long hash(int slot);

    /**
     * The first live slot at or after {@code from}, or {@link #NONE}: Fmaphash's
     * loop.  It re-reads the table each call, so it stays right while the table
     * is changed between calls (removed slots are skipped, grown slots appended).
     */
    int nextLive(int from);
}
