package org.emacs.hts;

/**
 * Which hash index a live table uses.  CHAINED (Emacs's own bucket array) is
 * the default: it is faster, allocates nothing per operation, and is the only
 * one whose weak-sweep order matches stock.  HASHMAP is the java.util.HashMap
 * baseline of the store experiment (README, "The store experiment").
 */
public enum StoreKind {
    CHAINED, HASHMAP;

    public static final StoreKind DEFAULT = CHAINED;

    SlotIndex newIndex(int capacity, float rehashThreshold) {
        return this == CHAINED
            ? new ChainIndex(Capacity.indexSize(capacity, rehashThreshold))
            : new HashMapIndex();
    }
}
