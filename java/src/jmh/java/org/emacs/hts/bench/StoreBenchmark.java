package org.emacs.hts.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.emacs.hts.BlockPool;
import org.emacs.hts.Emacs28;
import org.emacs.hts.LiveTable;
import org.emacs.hts.Lookup;
import org.emacs.hts.Weakness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The store's own costs, with no crossing: an eq table of 10, 1k and 1M
 * entries in its native layout (direct buffers here; the shim's memory in
 * Emacs).  Keys are address-like words
 * visited in a random order; hashes are what hashfn_eq would give.
 *
 * <ul>
 * <li>get: gethash of a present key (lookup and value read);</li>
 * <li>getMiss: gethash of an absent key;</li>
 * <li>put: puthash of a present key (lookup and value write);</li>
 * <li>removeAndPut: remhash of a present key, then puthash of it as a new
 *     key, which reuses the freed slot: one removal plus one insertion.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreBenchmark {
    @Param({"10", "1000", "1000000"})
    public int size;

    private LiveTable table;
    private long[] words;
    private long[] hashes;
    /** Emacs 28.2's policy; Qunbound's bits here are those of no key the benchmark uses. */
    private static final Emacs28 HOST = new Emacs28(0x2a0);

    private int[] order;
    private int cursor;

    /** hashfn_eq: XHASH (key) ^ XTYPE (key), for a vectorlike at a 16-aligned address. */
    private static long eqHash(long word) {
        return (word ^ 5) & 0x3FFFFFFFFFFFFFFFL;
    }

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        table = LiveTable.create(HOST, BlockPool.direct(), Math.max(size, 1), 0.5f, 0.8125f, Weakness.NONE);
        words = new long[size];
        hashes = new long[size];
        for (int i = 0; i < size; i++) {
            words[i] = 0x7f0000000000L + 48L * i + 5;
            hashes[i] = eqHash(words[i]);
            table.insert(words[i], i, hashes[i]);
        }
        order = new int[1 << 20];
        for (int i = 0; i < order.length; i++) order[i] = rnd.nextInt(size);
    }

    private int nextIndex() {
        int i = order[cursor];
        cursor = (cursor + 1) & (order.length - 1);
        return i;
    }

    @Benchmark
    public long get() {
        int i = nextIndex();
        return table.value(Lookup.eq(table, words[i], hashes[i]));
    }

    @Benchmark
    public int getMiss() {
        int i = nextIndex();
        long absent = words[i] + 16;
        return Lookup.eq(table, absent, eqHash(absent));
    }

    @Benchmark
    public void put() {
        int i = nextIndex();
        table.setValue(Lookup.eq(table, words[i], hashes[i]), cursor);
    }

    @Benchmark
    public int removeAndPut() {
        int i = nextIndex();
        table.removeSlot(Lookup.eq(table, words[i], hashes[i]));
        return table.insert(words[i], cursor, hashes[i]);
    }
}
