package org.emacs.hts;

import java.util.List;

/**
 * {@link ReferenceTable} as Emacs 30's fns.c sizes, grows, buckets and
 * thaws a table: as big as asked (0 too); growth 0 to 6, then times 4
 * while at most 64, then times 2; {@code 1 << compute_hash_index_bits}
 * buckets; {@code knuth_hash}; a removal leaves the slot's hash; thaw
 * leaves no free slot.  The rehash parameters do not exist.
 */
final class Reference30 extends ReferenceTable {
    int indexBits;

    /** make_hash_table. */
    Reference30(int size) {
        makeArrays(size);
    }

    /** compute_hash_index_bits: elogb (size) + 1, as a bucket count. */
    @Override
    int indexSize(int size) {
        indexBits = 64 - Long.numberOfLeadingZeros(size);
        return 1 << indexBits;
    }

    /** knuth_hash (hash, index_bits). */
    @Override
    int bucket(long h) {
        long alpha = 2654435769L;
        long product = (h & 0xFFFF_FFFFL) * alpha & 0xFFFF_FFFFL;
        return (int) (product >>> (32 - indexBits));
    }

    @Override
    long grownSize(int oldSize) {
        long minSize = 6;
        long baseSize = Math.max(oldSize, minSize);
        return oldSize == 0 ? minSize : baseSize <= 64 ? baseSize * 4 : baseSize * 2;
    }

    @Override
    boolean clearsHash() {
        return false;
    }

    @Override
    Reference30 copy() {
        Reference30 c = new Reference30(0);
        c.copyFrom(this);
        c.indexBits = indexBits;
        return c;
    }

    /** hash_table_freeze at dump: live entries compacted; hash_table_thaw at load: size = count, none free. */
    @Override
    Reference30 dumpAndLoad() {
        List<Integer> live = liveSlots();
        int size = live.size();
        Reference30 t = new Reference30(size);
        t.nextFree = -1;
        for (int j = 0; j < size; j++) {
            int i = live.get(j);
            t.key.set(j, key.get(i));
            t.value.set(j, value.get(i));
        }
        t.count = size;
        for (int j = 0; j < size; j++) {
            long h = hash.get(live.get(j));
            int b = t.bucket(h);
            t.hash.set(j, h);
            t.next.set(j, t.index.get(b));
            t.index.set(b, j);
        }
        return t;
    }
}
