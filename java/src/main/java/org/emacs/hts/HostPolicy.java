package org.emacs.hts;

/**
 * What differs between the Emacs versions the store serves, chosen once,
 * when the host starts the store ({@code hts_set_host}): how big a new
 * table is and how it grows, how many buckets it has and which one a hash
 * goes to, how wide a stored hash is, and how a free slot looks.  Every
 * other rule (the LIFO free list, new entries at the head of their chain,
 * clear doing nothing on an empty table, the weak sweep's bucket order)
 * is the same in 28.2 and 30, and lives once, in {@link LiveTable}.
 *
 * <p>The two policies are {@link Emacs28} and {@link Emacs30}; each C
 * layout they write is declared in include/hts_layout.h, under the host's
 * {@code HTS_HOST}.
 */
public abstract class HostPolicy {
    private final long unusedKey;

    /** UNUSEDKEY: the bits of the word stock keys a free slot with, never a live key (hts_set_host's). */
    HostPolicy(long unusedKey) {
        this.unusedKey = unusedKey;
    }

    /** The Emacs major version: 28 or 30. */
    public abstract int version();

    /** Bytes of a slot's hash in the layout: hts_layout.h's hts_hash_slot. */
    abstract int hashBytes();

    /** Refuses rehash parameters this host's make-hash-table would not pass. */
    abstract void checkParameters(float rehashSize, float rehashThreshold);

    /** make_hash_table: the slots a table asked for SIZE gets. */
    abstract int initialSize(long size);

    /** maybe_resize_hash_table: the slots after growing a full table of OLDSIZE. */
    abstract int grownSize(int oldSize, float rehashSize);

    /** The buckets a table of SIZE slots has. */
    abstract int indexSize(int size, float rehashThreshold);

    /** What the layout's index_bits says for INDEXSIZE buckets (0 where unused). */
    abstract int indexBits(int indexSize);

    /** The bucket of HASH among INDEXSIZE buckets: hash_index_index. */
    abstract int bucket(long hash, int indexSize);

    /** Refuses a hash C could not have computed for this host. */
    abstract void checkHash(long hash);

    /** The key of a free slot, written into the layout's unused_key too: 28's Qunbound, 30's HASH_UNUSED_ENTRY_KEY. */
    final long unusedKey() { return unusedKey; }

    /** The value of a slot never used since its table was made or grew: the unused key, in both. */
    final long freshValue() { return unusedKey; }

    /** The value a slot gets when removed or cleared: nil, in both. */
    final long removedValue() { return 0; }

    /** The value of a free slot of a table thawed from the dump (hts_import's HTS_IMPORT_DUMPED). */
    abstract long dumpedValue();

    /** Whether a free slot's hash is {@link LiveTable#FREE}, which then marks it free. */
    abstract boolean marksFreeByHash();

    @Override
    public String toString() {
        return "Emacs " + version();
    }
}
