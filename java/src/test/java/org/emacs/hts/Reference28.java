package org.emacs.hts;

import java.util.List;

/** {@link ReferenceTable} as Emacs 28.2's fns.c sizes, grows, buckets and thaws a table. */
final class Reference28 extends ReferenceTable {
    final float rehashSize;
    final float rehashThreshold;

    /** make_hash_table: a size of 0 becomes 1. */
    Reference28(int size, float rehashSize, float rehashThreshold) {
        this.rehashSize = rehashSize;
        this.rehashThreshold = rehashThreshold;
        makeArrays(size == 0 ? 1 : size);
    }

    /** hash_index_size, with next_almost_prime inlined. */
    @Override
    int indexSize(int size) {
        double threshold = rehashThreshold;
        double indexFloat = size / threshold;
        long n = (long) indexFloat;
        for (n |= 1; ; n += 2)
            if (n % 3 != 0 && n % 5 != 0 && n % 7 != 0) return (int) n;
    }

    @Override
    int bucket(long h) {
        return (int) (h % index.size());
    }

    @Override
    long grownSize(int oldSize) {
        long newSize;
        double rs = rehashSize;
        if (rs < 0) newSize = (long) (oldSize - rs);
        else newSize = (long) (oldSize * (rs + 1));
        if (newSize <= oldSize) newSize = oldSize + 1;
        return newSize;
    }

    @Override
    boolean clearsHash() {
        return true;
    }

    @Override
    Reference28 copy() {
        Reference28 c = new Reference28(1, rehashSize, rehashThreshold);
        c.copyFrom(this);
        return c;
    }

    /** hash_table_contents at dump, hash_table_thaw and hash_table_rehash at load: the size stays. */
    @Override
    Reference28 dumpAndLoad() {
        Reference28 t = new Reference28(size(), rehashSize, rehashThreshold);
        List<Integer> live = liveSlots();
        for (int j = 0; j < live.size(); j++) {
            int i = live.get(j);
            t.key.set(j, key.get(i));
            t.value.set(j, value.get(i));
        }
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
}
