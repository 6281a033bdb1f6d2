package org.emacs.hts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A free slot holds the words stock's fns.c leaves there, because C reads
 * them, not only Lisp: 28.2's comp.c walks comp-ctxt-funcs-h slot by slot
 * and declares every function whose value is not Qunbound, so a never-used
 * slot whose value read nil would have it declare nil.  In both versions a
 * free slot's key is the unbound word (28's Qunbound, 30's
 * HASH_UNUSED_ENTRY_KEY); its value is that word while never used since
 * the table was made or grew, and nil once removed, or in every slot once
 * the table is cleared.  28.2's pdumper dumps free slots with nil values,
 * so a thawed table's are nil.
 */
class FreeSlotWordsTest {
    private static final long UNBOUND = ModelTest.UNUSED;
    private static final long NIL = 0;

    static Stream<HostPolicy> hosts() {
        return Stream.of(new Emacs28(UNBOUND), new Emacs30(UNBOUND));
    }

    private static LiveTable table(HostPolicy host, int size) {
        return LiveTable.create(host, BlockPool.direct(), size, -1f, 1f, Weakness.NONE);
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void aNeverUsedSlotHoldsUnboundAsKeyAndValue(HostPolicy host) {
        LiveTable t = table(host, 4);
        t.insert(16, 160, 9);
        for (int i = 1; i < 4; i++) {
            assertEquals(UNBOUND, t.memory().key(i), host + ": key of never-used slot " + i);
            assertEquals(UNBOUND, t.memory().value(i), host + ": value of never-used slot " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void aRemovedOrClearedSlotHoldsUnboundAndNil(HostPolicy host) {
        LiveTable t = table(host, 4);
        int a = t.insert(16, 160, 9);
        int b = t.insert(24, 240, 10);
        t.removeSlot(a);
        assertEquals(UNBOUND, t.memory().key(a));
        assertEquals(NIL, t.memory().value(a), host + ": removed");
        t.clear();
        assertEquals(UNBOUND, t.memory().key(b));
        assertEquals(NIL, t.memory().value(b), host + ": cleared");
        assertEquals(NIL, t.memory().value(3), host + ": clear writes nil in never-used slots too");
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void slotsAddedByGrowthAreNeverUsedAndCopiesKeepEveryWord(HostPolicy host) {
        LiveTable t = LiveTable.create(host, BlockPool.direct(), 1, -4f, 1f, Weakness.NONE);
        t.insert(16, 160, 9);
        t.insert(24, 240, 10);
        assertEquals(true, t.size() > 2, host + " grew by more than a slot");
        int size = t.size();
        for (int i = 2; i < size; i++) assertEquals(UNBOUND, t.memory().value(i), host + ": grown slot " + i);
        t.removeSlot(0);
        LiveTable copy = t.copy();
        assertEquals(NIL, copy.memory().value(0));
        for (int i = 2; i < size; i++) assertEquals(UNBOUND, copy.memory().value(i));
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void aThawedTablesFreeSlotsHoldWhatTheDumpHeld(HostPolicy host) {
        long[] kv = {16, 160};
        long expected = host.version() == 28 ? NIL : UNBOUND;
        LiveTable t = LiveTable.imported(host, BlockPool.direct(), 3, kv, new long[] {9}, 1, -1f, 1f,
                                         Weakness.NONE, true);
        for (int i = 1; i < 3; i++) {
            assertEquals(UNBOUND, t.memory().key(i));
            assertEquals(expected, t.memory().value(i), host + ": thawed free slot " + i);
        }
        LiveTable empty = LiveTable.imported(host, BlockPool.direct(), 2, new long[0], new long[0], 0, -1f, 1f,
                                             Weakness.NONE, true);
        assertEquals(expected, empty.memory().value(0), host + ": a dumped empty table");
    }

    /**
     * A table read from its printed form is imported in one call too, but
     * stock made it and put each entry: its free slots were never used.
     * (28.2's native compiler prints its context for the process that
     * compiles it, which reads it back: its function table is such a
     * table, and a nil there was declared as a function.)
     */
    @ParameterizedTest
    @MethodSource("hosts")
    void aReadTablesFreeSlotsWereNeverUsed(HostPolicy host) {
        long[] kv = {16, 160};
        LiveTable t = LiveTable.imported(host, BlockPool.direct(), 3, kv, new long[] {9}, 1, -1f, 1f,
                                         Weakness.NONE, false);
        for (int i = 1; i < 3; i++) {
            assertEquals(UNBOUND, t.memory().key(i));
            assertEquals(UNBOUND, t.memory().value(i), host + ": read table's free slot " + i);
        }
    }
}
