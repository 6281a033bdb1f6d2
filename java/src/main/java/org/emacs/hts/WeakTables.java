package org.emacs.hts;

import java.util.ArrayList;

/**
 * The weak tables reached in the current GC and Emacs's two phases over them
 * (alloc.c mark_and_sweep_weak_table_contents, fns.c sweep_weak_table):
 * <ol>
 * <li>mark: for every kept entry, mark the half that is not yet marked;
 *     repeat over all weak tables until a pass marks nothing;</li>
 * <li>remove: drop every entry whose weak part did not survive, freeing the
 *     slots in Emacs's order.</li>
 * </ol>
 * A marking pass asks the heap about every weak table's entries in one
 * call and marks what they keep in one more; the removal phase asks once.
 * Batching changes the order in which words get marked, not the fixpoint:
 * the removal rule is monotone in the marked set, so the entries kept are
 * those stock keeps.
 */
final class WeakTables {
    private final ArrayList<LiveTable> pending = new ArrayList<>();
    private final Words words = new Words(256);
    private final Words toMark = new Words(256);
    private boolean[] survives = new boolean[256];
    /** By slot, for removeDead; only live slots' flags are written and read. */
    private boolean[] dead = new boolean[256];
    /**
     * Whether words and survives answer for every pending table as the heap
     * stands: the last marking pass asked about all of them and marked
     * nothing, so the removal phase need not ask again.
     */
    private boolean answered;

    void add(LiveTable t) {
        pending.add(t);
        answered = false;
    }

    int size() {
        return pending.size();
    }

    /** The marking phase, to its fixpoint; tables reached meanwhile join in. */
    void markToFixpoint(Heap heap) {
        while (markPass(heap)) {
            // heap.mark may have reached more weak tables: the next pass has them.
        }
    }

    /** One pass over every pending table; whether it marked anything. */
    private boolean markPass(Heap heap) {
        int tables = pending.size();
        query(tables, heap);
        long[] w = words.array();
        toMark.clear();
        for (int t = 0, j = 0; t < tables; t++) {
            LiveTable table = pending.get(t);
            Weakness weakness = table.weakness();
            for (int end = j + 2 * table.count(); j < end; j += 2) {
                boolean ks = survives[j], vs = survives[j + 1];
                if (!weakness.removes(ks, vs)) {
                    if (!ks) toMark.add(w[j]);
                    if (!vs) toMark.add(w[j + 1]);
                }
            }
        }
        if (toMark.size() == 0) {
            answered = true;
            return false;
        }
        heap.mark(toMark.array(), toMark.size());
        return true;
    }

    /** The removal phase; returns the number of entries removed. */
    long removeDead(Heap heap) {
        long removed = 0;
        if (!answered) query(pending.size(), heap);
        int j = 0;
        for (LiveTable table : pending) {
            if (table.count() == 0) continue;
            if (dead.length < table.size()) dead = new boolean[Math.max(table.size(), 2 * dead.length)];
            boolean any = false;
            for (int slot = table.nextLive(0); slot >= 0; slot = table.nextLive(slot + 1), j += 2)
                any |= dead[slot] = table.weakness().removes(survives[j], survives[j + 1]);
            if (any) removed += table.removeDead(dead);
        }
        if (j != words.size()) throw new IllegalStateException("a table changed during a weak sweep");
        clear();
        return removed;
    }

    void clear() {
        pending.clear();
        answered = false;
    }

    /**
     * Exports the live key/value words of the first TABLES pending tables,
     * in order, and asks the heap in one call which survive.
     */
    private void query(int tables, Heap heap) {
        answered = false;
        words.clear();
        for (int t = 0; t < tables; t++)
            pending.get(t).exportWords(words);
        int n = words.size();
        if (survives.length < n) survives = new boolean[Math.max(n, survives.length * 2)];
        if (n > 0) heap.survives(words.array(), n, survives);
    }
}
