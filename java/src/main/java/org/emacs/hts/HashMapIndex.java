package org.emacs.hts;

import java.util.HashMap;
import java.util.Map;

/**
 * The first seed's proposal, kept for the store experiment only: a
 * java.util.HashMap from each distinct hash code to the head of its chain.
 * It boxes on every operation, and chains hold one hash code rather than one
 * Emacs bucket, so weak sweeps free slots in HashMap order, not stock's.
 */
final class HashMapIndex implements SlotIndex {
    private final HashMap<Long, Integer> heads;

    HashMapIndex() {
        heads = new HashMap<>();
    }

    private HashMapIndex(HashMap<Long, Integer> heads) {
        this.heads = heads;
    }

    @Override
    public void link(int slot, long hash, int[] next) {
        Integer head = heads.put(hash, slot);
        next[slot] = head == null ? -1 : head;
    }

    @Override
    public void unlink(int slot, long hash, int[] next) {
        Integer head = heads.get(hash);
        if (head != null && head == slot) {
            if (next[slot] < 0) heads.remove(hash);
            else heads.put(hash, next[slot]);
            return;
        }
        for (int i = head == null ? -1 : head; i >= 0; i = next[i]) {
            if (next[i] == slot) {
                next[i] = next[slot];
                return;
            }
        }
        throw new IllegalStateException("slot " + slot + " is not in its collision chain");
    }

    @Override
    public int findEq(long word, long hash, long[] keys, int[] next) {
        Integer head = heads.get(hash);
        for (int i = head == null ? -1 : head; i >= 0; i = next[i])
            if (keys[i] == word) return i;
        return -1;
    }

    @Override
    public int probe(long word, long hash, int after, long[] keys, long[] hashes, int[] next) {
        int i;
        if (after >= 0) {
            i = next[after];
        } else {
            Integer head = heads.get(hash);
            i = head == null ? -1 : head;
        }
        // Every slot in this chain has this hash, so each one is a candidate.
        return i;
    }

    @Override
    public void clear() {
        heads.clear();
    }

    @Override
    public void rebuild(int capacity, float threshold, long[] hashes, int[] next, int upTo) {
        heads.clear();
        for (int i = 0; i < upTo; i++)
            if (hashes[i] != LiveTable.FREE) link(i, hashes[i], next);
    }

    @Override
    public SlotIndex copy() {
        return new HashMapIndex(new HashMap<>(heads));
    }

    @Override
    public int sweepOrder(int[] next, int[] out) {
        int n = 0;
        for (Map.Entry<Long, Integer> e : heads.entrySet())
            for (int i = e.getValue(); i >= 0; i = next[i]) out[n++] = i;
        return n;
    }
}
