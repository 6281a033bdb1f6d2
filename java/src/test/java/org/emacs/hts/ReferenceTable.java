package org.emacs.hts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reference model: Emacs 28.2's struct Lisp_Hash_Table and the fns.c
 * functions that change it, transliterated line by line into plain boxed
 * Java (null plays Qunbound / nil).  Slow and obviously shaped like the C,
 * so that the store can be checked against it step by step.
 */
final class ReferenceTable {
    final List<Long> key = new ArrayList<>();
    final List<Long> value = new ArrayList<>();
    final List<Long> hash = new ArrayList<>();
    final List<Integer> next = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    int nextFree;
    int count;
    final float rehashSize;
    final float rehashThreshold;

    /** make_hash_table. */
    ReferenceTable(int size, float rehashSize, float rehashThreshold) {
        if (size == 0) size = 1;
        this.rehashSize = rehashSize;
        this.rehashThreshold = rehashThreshold;
        for (int i = 0; i < size; i++) {
            key.add(null);
            value.add(null);
            hash.add(null);
            next.add(-1);
        }
        index = minusOnes(indexSize(size));
        for (int i = 0; i < size - 1; ++i) next.set(i, i + 1);
        nextFree = 0;
    }

    private ReferenceTable(ReferenceTable h) {
        rehashSize = h.rehashSize;
        rehashThreshold = h.rehashThreshold;
        key.addAll(h.key);
        value.addAll(h.value);
        hash.addAll(h.hash);
        next.addAll(h.next);
        index = new ArrayList<>(h.index);
        nextFree = h.nextFree;
        count = h.count;
    }

    /** copy_hash_table. */
    ReferenceTable copy() {
        return new ReferenceTable(this);
    }

    int size() {
        return key.size();
    }

    private static List<Integer> minusOnes(int n) {
        return new ArrayList<>(Collections.nCopies(n, -1));
    }

    /** hash_index_size, with next_almost_prime inlined. */
    int indexSize(int size) {
        double threshold = rehashThreshold;
        double indexFloat = size / threshold;
        long n = (long) indexFloat;
        for (n |= 1; ; n += 2)
            if (n % 3 != 0 && n % 5 != 0 && n % 7 != 0) return (int) n;
    }

    private int bucket(long h) {
        return (int) (h % index.size());
    }

    /** maybe_resize_hash_table. */
    private void maybeResize() {
        if (nextFree < 0) {
            int oldSize = size();
            long newSize;
            double rs = rehashSize;
            if (rs < 0) newSize = (long) (oldSize - rs);
            else newSize = (long) (oldSize * (rs + 1));
            if (newSize <= oldSize) newSize = oldSize + 1;
            for (long i = oldSize; i < newSize; i++) {
                key.add(null);
                value.add(null);
                hash.add(null);
                next.add(-1);
            }
            for (int i = oldSize; i < newSize - 1; i++) next.set(i, i + 1);
            next.set((int) newSize - 1, -1);
            index = minusOnes(indexSize((int) newSize));
            nextFree = oldSize;
            for (int i = 0; i < oldSize; i++)
                if (hash.get(i) != null) {
                    int b = bucket(hash.get(i));
                    next.set(i, index.get(b));
                    index.set(b, i);
                }
        }
    }

    /** hash_lookup for an eq table: the first slot in the bucket whose key is word. */
    int lookupEq(long word, long h) {
        for (int i = index.get(bucket(h)); 0 <= i; i = next.get(i))
            if (key.get(i) != null && key.get(i) == word) return i;
        return -1;
    }

    /** The slots hash_lookup would consider, in order, for a test with a cmpfn. */
    List<Integer> candidates(long word, long h) {
        List<Integer> out = new ArrayList<>();
        for (int i = index.get(bucket(h)); 0 <= i; i = next.get(i))
            if (key.get(i) == word || hash.get(i) == h) out.add(i);
        return out;
    }

    /** hash_put. */
    int put(long k, long v, long h) {
        maybeResize();
        count++;
        int i = nextFree;
        nextFree = next.get(i);
        key.set(i, k);
        value.set(i, v);
        hash.set(i, h);
        int b = bucket(h);
        next.set(i, index.get(b));
        index.set(b, i);
        return i;
    }

    /** hash_remove_from_table for an eq table. */
    int removeEq(long word, long h) {
        int b = bucket(h);
        int prev = -1;
        for (int i = index.get(b); 0 <= i; i = next.get(i)) {
            if (key.get(i) == word) {
                if (prev < 0) index.set(b, next.get(i));
                else next.set(prev, next.get(i));
                key.set(i, null);
                value.set(i, null);
                hash.set(i, null);
                next.set(i, nextFree);
                nextFree = i;
                count--;
                return i;
            }
            prev = i;
        }
        return -1;
    }

    /** hash_clear. */
    void clear() {
        if (count > 0) {
            int size = size();
            for (int i = 0; i < size; i++) {
                hash.set(i, null);
                next.set(i, i < size - 1 ? i + 1 : -1);
                key.set(i, null);
                value.set(i, null);
            }
            Collections.fill(index, -1);
            nextFree = 0;
            count = 0;
        }
    }

    /** sweep_weak_table (h, true): removes the slots flagged dead, walking buckets in order. */
    void sweepRemove(boolean[] dead) {
        for (int b = 0; b < index.size(); ++b) {
            int prev = -1;
            int nxt;
            for (int i = index.get(b); 0 <= i; i = nxt) {
                nxt = next.get(i);
                if (dead[i]) {
                    if (prev < 0) index.set(b, nxt);
                    else next.set(prev, nxt);
                    next.set(i, nextFree);
                    nextFree = i;
                    key.set(i, null);
                    value.set(i, null);
                    hash.set(i, null);
                    count--;
                } else {
                    prev = i;
                }
            }
        }
    }

    /** A pdump round trip: hash_table_contents at dump, hash_table_thaw at load. */
    ReferenceTable dumpAndLoad() {
        ReferenceTable t = new ReferenceTable(size(), rehashSize, rehashThreshold);
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < size(); i++) if (hash.get(i) != null) live.add(i);
        for (int j = 0; j < live.size(); j++) {
            int i = live.get(j);
            t.key.set(j, key.get(i));
            t.value.set(j, value.get(i));
        }
        // hash_table_thaw + hash_table_rehash
        t.index = minusOnes(index.size());
        for (int j = 0; j < t.size(); j++) t.next.set(j, -1);
        t.count = live.size();
        for (int j = 0; j < t.count; j++) {
            long h = hash.get(live.get(j));
            int b = t.bucket(h);
            t.hash.set(j, h);
            t.next.set(j, t.index.get(b));
            t.index.set(b, j);
        }
        for (int j = t.count; j + 1 < t.size(); j++) t.next.set(j, j + 1);
        t.nextFree = t.count == t.size() ? -1 : t.count;
        return t;
    }

    /** Fmaphash's loop: the slots it visits, with FN run after each visit. */
    List<Integer> maphash(java.util.function.IntConsumer fn) {
        List<Integer> visited = new ArrayList<>();
        for (int i = 0; i < size(); ++i)
            if (key.get(i) != null) {
                visited.add(i);
                fn.accept(i);
            }
        return visited;
    }

    /** The free list from its head. */
    List<Integer> freeList() {
        List<Integer> out = new ArrayList<>();
        for (int i = nextFree; i >= 0; i = next.get(i)) out.add(i);
        return out;
    }
}
