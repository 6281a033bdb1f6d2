package org.emacs.hts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reference model: struct Lisp_Hash_Table and the fns.c functions that
 * change it, transliterated line by line into plain boxed Java (a null key
 * plays Qunbound in 28.2 and HASH_UNUSED_ENTRY_KEY in 30).  Slow and
 * obviously shaped like the C, so that the store can be checked against it
 * step by step.  What is written here (hash_put, the removals, the weak
 * sweep, maphash) is the same in 28.2 and 30; {@link Reference28} and
 * {@link Reference30} transliterate what is not: sizes, growth, buckets,
 * what a removal leaves in a slot, and thaw.
 */
abstract class ReferenceTable {
    final List<Long> key = new ArrayList<>();
    final List<Long> value = new ArrayList<>();
    final List<Long> hash = new ArrayList<>();
    final List<Integer> next = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    int nextFree;
    int count;

    /** make_hash_table's arrays for SIZE slots (the caller has applied the host's rules to SIZE). */
    final void makeArrays(int size) {
        for (int i = 0; i < size; i++) {
            key.add(null);
            value.add(null);
            hash.add(null);
            next.add(-1);
        }
        index = minusOnes(indexSize(size));
        for (int i = 0; i < size - 1; ++i) next.set(i, i + 1);
        nextFree = size > 0 ? 0 : -1;
    }

    /** The reference for HOST. */
    static ReferenceTable of(HostPolicy host, int size, float rehashSize, float rehashThreshold) {
        return host.version() == 30 ? new Reference30(size) : new Reference28(size, rehashSize, rehashThreshold);
    }

    /** The number of buckets for SIZE slots. */
    abstract int indexSize(int size);

    /** hash_index_index: HASH's bucket. */
    abstract int bucket(long h);

    /** maybe_resize_hash_table's new size for a full table of OLDSIZE slots. */
    abstract long grownSize(int oldSize);

    /** Whether a removal or a clear sets the slot's hash to nil (28) or leaves it (30). */
    abstract boolean clearsHash();

    /** A pdump round trip: the dumped table as it is once loaded and thawed. */
    abstract ReferenceTable dumpAndLoad();

    /** copy_hash_table. */
    abstract ReferenceTable copy();

    void copyFrom(ReferenceTable h) {
        key.clear();
        value.clear();
        hash.clear();
        next.clear();
        key.addAll(h.key);
        value.addAll(h.value);
        hash.addAll(h.hash);
        next.addAll(h.next);
        index = new ArrayList<>(h.index);
        nextFree = h.nextFree;
        count = h.count;
    }

    int size() {
        return key.size();
    }

    static List<Integer> minusOnes(int n) {
        return new ArrayList<>(Collections.nCopies(n, -1));
    }

    /** maybe_resize_hash_table. */
    private void maybeResize() {
        if (nextFree < 0) {
            int oldSize = size();
            long newSize = grownSize(oldSize);
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
                if (clearsHash()) hash.set(i, null);
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
                if (clearsHash()) hash.set(i, null);
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
                    if (clearsHash()) hash.set(i, null);
                    count--;
                } else {
                    prev = i;
                }
            }
        }
    }

    /** The live slots, in slot order: what hash_table_contents (28) or hash_table_freeze (30) dumps. */
    List<Integer> liveSlots() {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < size(); i++) if (key.get(i) != null) live.add(i);
        return live;
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
