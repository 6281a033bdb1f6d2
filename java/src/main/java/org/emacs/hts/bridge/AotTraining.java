package org.emacs.hts.bridge;

import org.emacs.hts.BlockPool;
import org.emacs.hts.Emacs28;
import org.emacs.hts.Emacs30;
import org.emacs.hts.LiveTable;
import org.emacs.hts.Registry;
import org.emacs.hts.Weakness;

/**
 * The training run for the JVM's AOT cache (see pom.xml, profile aot):
 * starts the bridge as the shim does and walks the store through what an
 * Emacs start-up does (import dumped tables, insert, grow, set values,
 * remove, copy, mark, sweep; in Java-owned
 * memory, since the shim's natives are not there), so that the classes those load are in the
 * cache.  {@code java ... AotTraining path/to/libhts.so}
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) throws InterruptedException {
        System.load(args[0]);
        String failure = Bridge.install(args[0], 28, 0);
        if (failure != null) throw new IllegalStateException(failure);
        // The FFM stub is made on a thread of its own; its classes belong
        // in the cache too.  (Handing it to C fails here: no shim natives.)
        Bridge.awaitStart();

        Registry registry = Registry.global();
        BlockPool pool = BlockPool.direct();
        Emacs28 host28 = new Emacs28(0x2a0);
        long[] keys = new long[64], values = new long[64], hashes = new long[64];
        for (int i = 0; i < 64; i++) {
            keys[i] = 8L * i + 2;
            values[i] = i;
            hashes[i] = i * 31L;
        }
        long dumped = registry.manage(LiveTable.of(host28, pool, 65, keys, values, hashes, 64,
                                                   1.5f, 0.8125f, Weakness.NONE), 0);
        registry.managePure(LiveTable.of(host28, pool, 65, keys, values, hashes, 64,
                                              1.5f, 0.8125f, Weakness.NONE).makePure(), 0);
        long t = registry.manage(LiveTable.create(host28, pool, 8, 1.5f, 0.8125f, Weakness.NONE), 0);
        LiveTable table = registry.table(t);
        for (int i = 0; i < 1000; i++) table.insert(8L * i + 2, i, i * 31L);
        for (int s = 0; s < 500; s++) table.removeSlot(s);
        registry.free(registry.manage(table.copy(), 0));
        for (int s = table.nextLive(0); s >= 0; s = table.nextLive(s + 1)) table.setValue(s, 1);
        // Emacs 30's policy too, so that its classes are in the cache.
        LiveTable t30 = LiveTable.create(new Emacs30(7), pool, 0, 0, 0, Weakness.NONE);
        for (int i = 0; i < 1000; i++) t30.insert(8L * i + 2, i, i * 31L);
        for (int s = 0; s < 500; s++) t30.removeSlot(s);
        t30.close();
        registry.mark(t);
        registry.mark(dumped);
        registry.sweep();
    }
}
