package org.emacs.hts;

/**
 * The hash index of a table: from a hash code to the chain of slots that may
 * hold it.  Chains are linked through the table's {@code next} array, as in
 * Emacs, so the index itself owns only the chain heads.  Two implementations
 * exist for the store experiment (see {@link StoreKind}).
 */
interface SlotIndex {
    /** Pushes a newly filled slot on the head of its chain (hash_put). */
    void link(int slot, long hash, int[] next);

    /** Takes a slot out of its chain (hash_remove_from_table). */
    void unlink(int slot, long hash, int[] next);

    /** The first slot in chain order whose key is {@code word}, or -1. */
    int findEq(long word, long hash, long[] keys, int[] next);

    /** The next slot after {@code after} (or from the head) whose key is word or whose hash is hash. */
    int probe(long word, long hash, int after, long[] keys, long[] hashes, int[] next);

    /** Empties every chain (hash_clear). */
    void clear();

    /**
     * Resizes for a table of {@code capacity} slots and relinks every live slot
     * below {@code upTo} in ascending order (maybe_resize_hash_table, hash_table_rehash).
     */
    void rebuild(int capacity, float threshold, long[] hashes, int[] next, int upTo);

    /** An independent copy with the same chains (copy_hash_table copies the index). */
    SlotIndex copy();

    /** Writes the live slots in the order sweep_weak_table visits them; returns how many. */
    int sweepOrder(int[] next, int[] out);
}
