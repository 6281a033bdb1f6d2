package org.emacs.hts;

/**
 * Read-only access to a table's slots.  Words are raw 64-bit Lisp_Object bits
 * and hashes are the non-negative codes C computed (XUFIXNUM of the hash).
 * The store compares words only for identity; every other test is decided by
 * C, which enumerates candidates with {@link #probe}.
 */
public interface TableView {
    /** Marks a free slot in results: no slot. */
    int NONE = -1;

    /** hash-table-count. */
    int count();

    /** hash-table-size: the slot capacity, not the count. */
    int capacity();

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

    /** The slot whose key is this very word (eq), searched as hash_lookup does; or NONE. */
    int findEq(long word, long hash);

    /**
     * The next candidate in the collision chain of {@code hash}: a slot whose key
     * is {@code word}, or whose stored hash equals {@code hash} (for C to run the
     * test's cmpfn on).  {@code after} is the previous candidate, or NONE to start.
     * Candidates come in hash_lookup's order.
     */
    int probe(long word, long hash, int after);
}
