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
 * Each table costs two heap calls per marking pass and one in the removal
 * phase, however many entries it has.  Batching changes the order in which
 * words get marked, not the fixpoint: the removal rule is monotone in the
 * marked set, so the entries kept are those stock keeps.
 */
final class WeakTables {
    private final ArrayList<LiveTable> pending = new ArrayList<>();
    private final Words words = new Words(256);
    private final Words toMark = new Words(256);
    private boolean[] survives = new boolean[256];

    void add(LiveTable t) {
        pending.add(t);
    }

    int size() {
        return pending.size();
    }

    /** The marking phase, to its fixpoint; tables reached meanwhile join in. */
    void markToFixpoint(Heap heap) {
        boolean marked;
        do {
            marked = false;
            // Indexed loop: heap.mark may reach more weak tables and append them.
            for (int t = 0; t < pending.size(); t++)
                marked |= markPass(pending.get(t), heap);
        } while (marked);
    }

    private boolean markPass(LiveTable table, Heap heap) {
        int n = query(table, heap);
        long[] w = words.array();
        toMark.clear();
        for (int j = 0; j < n; j += 2) {
            boolean ks = survives[j], vs = survives[j + 1];
            if (!table.weakness().removes(ks, vs)) {
                if (!ks) toMark.add(w[j]);
                if (!vs) toMark.add(w[j + 1]);
            }
        }
        if (toMark.size() == 0) return false;
        heap.mark(toMark.array(), toMark.size());
        return true;
    }

    /** The removal phase; returns the number of entries removed. */
    long removeDead(Heap heap) {
        long removed = 0;
        for (LiveTable table : pending) {
            int n = query(table, heap);
            boolean[] dead = new boolean[table.capacity()];
            int j = 0;
            for (int slot = table.nextLive(0); slot >= 0; slot = table.nextLive(slot + 1), j += 2)
                dead[slot] = table.weakness().removes(survives[j], survives[j + 1]);
            if (j != n) throw new IllegalStateException("table changed during a weak sweep");
            removed += table.removeDead(dead);
        }
        pending.clear();
        return removed;
    }

    void clear() {
        pending.clear();
    }

    /** Exports the table's live key/value words and asks the heap which survive. */
    private int query(LiveTable table, Heap heap) {
        words.clear();
        int n = table.exportWords(words);
        if (survives.length < n) survives = new boolean[Math.max(n, survives.length * 2)];
        heap.survives(words.array(), n, survives);
        return n;
    }
}
