package org.emacs.hts;

import static org.emacs.hts.Models.probeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * hash_lookup's rule: a slot matches if its key is the very word (eq), or, for
 * tests with a cmpfn, if its stored hash equals the key's hash and cmpfn says
 * so.  The store finds eq matches itself and hands same-hash candidates to C
 * in collision-chain order.
 */
class LookupTest {
    private static LiveTable table(int size) {
        return Tables28.create(size, Emacs28.DEFAULT_REHASH_SIZE, Emacs28.DEFAULT_REHASH_THRESHOLD,
                                Weakness.NONE);
    }

    @Test
    void eqLookupFindsTheVeryWordOnly() {
        LiveTable t = table(10);
        int a = t.insert(0x1000, 1, 5);
        int b = t.insert(0x2000, 2, 5);
        assertEquals(a, Lookup.eq(t, 0x1000, 5));
        assertEquals(b, Lookup.eq(t, 0x2000, 5));
        assertEquals(-1, Lookup.eq(t, 0x3000, 5), "same hash, different word: no eq match");
        assertEquals(-1, Lookup.eq(t, 0x1000, 6), "the word is looked for under the hash given");
    }

    @Test
    void candidatesComeNewestFirstAsTheChainIsPushedAtItsHead() {
        // equal tables often share hashes: sxhash looks only 3 levels deep.
        LiveTable t = table(10);
        t.insert(0x10, 0, 42);
        t.insert(0x20, 0, 42);
        t.insert(0x30, 0, 42);
        assertEquals(List.of(2, 1, 0), probeAll(t, 0x99, 42));
        t.removeSlot(1);
        assertEquals(List.of(2, 0), probeAll(t, 0x99, 42));
    }

    @Test
    void growthRelinksChainsByAscendingSlot() {
        LiveTable t = Tables28.create(3, -1f, 1f, Weakness.NONE);
        t.insert(0x10, 0, 42);
        t.insert(0x20, 0, 7);
        t.insert(0x30, 0, 42);
        t.removeSlot(0);
        t.insert(0x40, 0, 42);   // reuses slot 0, now at its chain's head
        assertEquals(List.of(0, 2), probeAll(t, 0x99, 42));
        t.insert(0x50, 0, 9);    // grows to 4: relinks 0, 1, 2 in turn
        assertEquals(4, t.size());
        assertEquals(List.of(2, 0), probeAll(t, 0x99, 42));
    }

    @Test
    void anEqKeyInTheSameBucketMatchesWhateverHashItWasStoredWith() {
        // Stock's hash_lookup tests EQ before comparing hashes, so a key stored
        // under one hash is found under another that falls in the same bucket
        // (possible with a user hash function that is not a function of its key).
        LiveTable t = table(10);   // 13 buckets
        int s = t.insert(0x1000, 1, 5);
        assertEquals(s, Lookup.eq(t, 0x1000, 5 + 13));
        assertEquals(List.of(s), probeAll(t, 0x1000, 5 + 13));
        assertEquals(-1, Lookup.eq(t, 0x1000, 6));
    }

    @Test
    void probeReturnsTheEqKeyAndSameHashSlotsButNotBucketMatesWithOtherHashes() {
        LiveTable t = table(10);   // 13 buckets: 4 and 17 collide
        int a = t.insert(0x10, 0, 4);
        t.insert(0x20, 0, 17);
        int c = t.insert(0x30, 0, 4);
        assertEquals(List.of(c, a), probeAll(t, 0x99, 4));
        assertEquals(List.of(c, a), probeAll(t, 0x10, 4));
    }

    @Test
    void remhashOnAnEqTableFindsOnlyTheVeryWordThenRemovesItsSlot() {
        LiveTable t = table(10);
        int a = t.insert(0x10, 0, 4);
        int b = t.insert(0x20, 0, 4);
        assertEquals(-1, Lookup.eq(t, 0x30, 4));
        assertEquals(b, Lookup.eq(t, 0x20, 4));
        t.removeSlot(b);
        assertEquals(List.of(a), probeAll(t, 0x99, 4));
        assertEquals(1, t.count());
    }
}
