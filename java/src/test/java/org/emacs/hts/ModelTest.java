package org.emacs.hts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Long random operation sequences, checked after every step against the
 * reference model (fns.c transliterated, 28.2's and 30's): puthash new and
 * existing keys, remhash, clrhash, copy-hash-table, maphash with mutation,
 * weak sweeps, pdump round trips, and candidate enumeration, chain order
 * included.
 */
class ModelTest {
    private static final int STEPS = 4000;
    /** Emacs 30's HASH_UNUSED_ENTRY_KEY on x86-64: a NULL float. */
    static final long UNUSED = 7;

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (HostPolicy host : new HostPolicy[] {Tables28.HOST, new Emacs30(UNUSED)})
            for (long seed = 1; seed <= 24; seed++) out.add(Arguments.of(host, seed));
        return out.stream();
    }

    /**
     * Keys are words 8..8*pool; hashes collide a lot and ignore eq-ness, as
     * equal tables' do: 23 values, spread over 32 bits, since Emacs 30's
     * buckets are a hash's top bits.
     */
    private static long hashOf(long word) {
        long h = (word * 0x9E3779B97F4A7C15L >>> 40) % 23;
        return (h + 1) * 0xC2B2AE3D27D4EB4FL >>> 32;
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void theStoreBehavesAsEmacsStepByStep(HostPolicy host, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int size = rnd.nextInt(0, 20);
        float rehashSize = rnd.nextBoolean() ? -(float) rnd.nextInt(1, 5) : (float) rnd.nextDouble(0.05, 1.5);
        float threshold = (float) rnd.nextDouble(0.3, 1.0);
        int pool = rnd.nextInt(5, 120);
        LiveTable t = LiveTable.create(host, BlockPool.direct(), size, rehashSize, threshold, Weakness.NONE);
        ReferenceTable r = ReferenceTable.of(host, size, rehashSize, threshold);
        Models.assertMatches(r, t, "seed " + seed + " new");

        for (int step = 0; step < STEPS; step++) {
            String at = "seed " + seed + " step " + step;
            long word = 8L * rnd.nextInt(1, pool + 1);
            long hash = hashOf(word);
            int op = rnd.nextInt(100);
            String what;
            if (op < 40) {
                what = "puthash";
                long value = rnd.nextLong();
                int s = Lookup.eq(t, word, hash);
                assertEquals(r.lookupEq(word, hash), s, at + " lookup");
                if (s >= 0) {
                    t.setValue(s, value);
                    r.value.set(s, value);
                } else {
                    assertEquals(r.put(word, value, hash), t.insert(word, value, hash), at + " insert slot");
                }
            } else if (op < 70) {
                what = "remhash";
                assertEquals(r.removeEq(word, hash), Models.remhashEq(t, word, hash), at + " removed slot");
            } else if (op < 72) {
                what = "clrhash";
                t.clear();
                r.clear();
            } else if (op < 75) {
                what = "copy";
                LiveTable c = t.copy();
                ReferenceTable rc = r.copy();
                Models.assertMatches(rc, c, at + " copy");
                // Carry on with the copy half the time: it must be a full table in its own right.
                if (rnd.nextBoolean()) {
                    t = c;
                    r = rc;
                }
            } else if (op < 80) {
                what = "maphash";
                final LiveTable ft = t;
                final ReferenceTable fr = r;
                long victim = 8L * rnd.nextInt(1, pool + 1), added = 8L * rnd.nextInt(1, pool + 1);
                int trigger = rnd.nextInt(0, Math.max(1, r.size()));
                // At the first visited slot at or after TRIGGER, the body removes one
                // key and adds another, as a maphash FUNCTION may.
                List<Integer> visited = new ArrayList<>();
                boolean fired = false;
                for (int i = ft.nextLive(0); i >= 0; i = ft.nextLive(i + 1)) {
                    visited.add(i);
                    if (!fired && i >= trigger) {
                        fired = true;
                        Models.remhashEq(ft, victim, hashOf(victim));
                        if (Lookup.eq(ft, added, hashOf(added)) < 0) ft.insert(added, 1, hashOf(added));
                    }
                }
                boolean[] refFired = {false};
                List<Integer> expected = fr.maphash(i -> {
                    if (!refFired[0] && i >= trigger) {
                        refFired[0] = true;
                        fr.removeEq(victim, hashOf(victim));
                        if (fr.lookupEq(added, hashOf(added)) < 0) fr.put(added, 1, hashOf(added));
                    }
                });
                assertEquals(expected, visited, at + " maphash visits");
            } else if (op < 85) {
                what = "weak sweep";
                boolean[] dead = new boolean[r.size()];
                for (int i = 0; i < dead.length; i++) dead[i] = r.key.get(i) != null && rnd.nextInt(3) == 0;
                long[] slots = Models.deadInSweepOrder(t, dead);
                t.removeSlots(slots, 0, slots.length);
                r.sweepRemove(dead);
            } else if (op < 88) {
                what = "dump and load";
                t = FrozenTable.freeze(t).thaw(freezeHashes(t));
                r = r.dumpAndLoad();
            } else {
                what = "probe";
                List<Integer> expected = r.candidates(word, hash);
                List<Integer> actual = Models.probeAll(t, word, hash);
                assertEquals(expected, actual, at + " candidates");
            }
            Models.assertMatches(r, t, at + " after " + what);
        }
    }

    private static long[] freezeHashes(LiveTable t) {
        long[] h = new long[t.count()];
        int n = 0;
        for (int s = t.nextLive(0); s >= 0; s = t.nextLive(s + 1)) h[n++] = t.hash(s);
        return h;
    }
}
