package org.emacs.hts;

/**
 * hts_layout.h's lookups, over a table's memory as C reads it.  In Emacs,
 * C looks keys up itself, with no call into the store, so the store has
 * no lookup of its own: these are for tests and the store benchmark.
 */
public final class Lookup {
    private Lookup() {}

    /** hts_lookup_eq: the slot whose key is this very word, searched in HASH's chain; or NONE. */
    public static int eq(LiveTable t, long word, long hash) {
        TableLayout mem = t.memory();
        for (int i = mem.head(t.host().bucket(hash, mem.indexSize())); i >= 0; i = mem.next(i))
            if (mem.key(i) == word) return i;
        return TableView.NONE;
    }

    /**
     * hts_lookup_next: the next candidate in HASH's chain after the live
     * slot AFTER (NONE: from the chain's head), a slot whose key is WORD
     * or whose stored hash is HASH, for C to run the test's cmpfn on; or
     * NONE.  Candidates come in hash_lookup's order.
     */
    public static int next(LiveTable t, long word, long hash, int after) {
        TableLayout mem = t.memory();
        if (after >= 0 && !t.isLive(after)) throw new IllegalArgumentException("slot " + after + " is not live");
        int i = after < 0 ? mem.head(t.host().bucket(hash, mem.indexSize())) : mem.next(after);
        for (; i >= 0; i = mem.next(i))
            if (mem.key(i) == word || mem.hash(i) == hash) return i;
        return TableView.NONE;
    }
}
