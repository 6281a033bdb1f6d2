package org.emacs.hts;

import java.util.Arrays;

/**
 * Emacs's own index: an array of chain heads, sized by hash_index_size, with
 * the bucket of a hash being {@code hash % size}.  Using the same bucket count
 * and the same head insertion makes collision-chain order, and so the order
 * in which a weak sweep frees slots, identical to stock.  No allocation
 * except when the table grows.
 */
final class ChainIndex implements SlotIndex {
    private int[] heads;

    ChainIndex(int size) {
        heads = emptyHeads(size);
    }

    private ChainIndex(int[] heads) {
        this.heads = heads;
    }

    private static int[] emptyHeads(int size) {
        int[] h = new int[size];
        Arrays.fill(h, -1);
        return h;
    }

    private int bucket(long hash) {
        return (int) (hash % heads.length);
    }

    @Override
    public void link(int slot, long hash, int[] next) {
        int b = bucket(hash);
        next[slot] = heads[b];
        heads[b] = slot;
    }

    @Override
    public void unlink(int slot, long hash, int[] next) {
        int b = bucket(hash);
        int i = heads[b];
        if (i == slot) {
            heads[b] = next[slot];
            return;
        }
        while (i >= 0) {
            int n = next[i];
            if (n == slot) {
                next[i] = next[slot];
                return;
            }
            i = n;
        }
        throw new IllegalStateException("slot " + slot + " is not in its collision chain");
    }

    @Override
    public int findEq(long word, long hash, long[] keys, int[] next) {
        for (int i = heads[bucket(hash)]; i >= 0; i = next[i])
            if (keys[i] == word) return i;
        return -1;
    }

    @Override
    public int probe(long word, long hash, int after, long[] keys, long[] hashes, int[] next) {
        for (int i = after < 0 ? heads[bucket(hash)] : next[after]; i >= 0; i = next[i])
            if (keys[i] == word || hashes[i] == hash) return i;
        return -1;
    }

    @Override
    public void clear() {
        Arrays.fill(heads, -1);
    }

    @Override
    public void rebuild(int capacity, float threshold, long[] hashes, int[] next, int upTo) {
        heads = emptyHeads(Capacity.indexSize(capacity, threshold));
        for (int i = 0; i < upTo; i++)
            if (hashes[i] != LiveTable.FREE) link(i, hashes[i], next);
    }

    @Override
    public SlotIndex copy() {
        return new ChainIndex(heads.clone());
    }

    @Override
    public int sweepOrder(int[] next, int[] out) {
        int n = 0;
        for (int head : heads)
            for (int i = head; i >= 0; i = next[i]) out[n++] = i;
        return n;
    }

    int size() {
        return heads.length;
    }
}
