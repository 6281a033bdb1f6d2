package org.emacs.hts.bridge;

/**
 * The one entry point C calls, whichever backend made it: an operation
 * code and five 64-bit words.  Pointers arrive as raw addresses, floats as
 * their bits.  One function for all operations means start-up makes one
 * upcall stub (or JNA callback), not one per operation: each costs FFM
 * several milliseconds.  Never throws: every exception becomes a status
 * code (see {@link Status}), as an exception escaping an upcall would end
 * the process.
 *
 * <p>The codes are those of enum hts__op in native/hts_dispatch.h.
 */
final class Dispatch {
    static final int NEW = 0, COPY = 1, FREE = 2, CLEAR = 3, INSERT = 4, REMOVE = 5, SET_VALUE = 6,
        EXPORT = 7, IMPORT = 8, LAYOUT = 9, ROOTS = 10, WEAK_MARK = 11, WEAK_REMOVE = 12, SWEEP = 13,
        STATS = 14, TEST_HOOK = 15;
    /** How many codes there are; hts__install refuses another number. */
    static final int N_OPS = 16;

    private final Operations e;
    /** Whether the test hooks are on: else no operation pays for their fault switches. */
    private final boolean faults;

    Dispatch(Operations operations) {
        this.e = operations;
        this.faults = operations.testHooksEnabled();
    }

    /**
     * The operations that change a table for Lisp, which injected periodic
     * faults hit: a failure there becomes a Lisp error.  Not a GC's (which
     * cannot signal), a dump's, nor the test hook (which arms the faults).
     */
    static boolean changesATable(int op) {
        switch (op) {
            case NEW: case COPY: case FREE: case CLEAR: case INSERT: case REMOVE: case SET_VALUE:
                return true;
            default:
                return false;
        }
    }

    long call(int op, long a, long b, long c, long d, long f) {
        try {
            if (faults && op != TEST_HOOK) e.before(changesATable(op));
            switch (op) {
                case NEW: return e.newTable(a, floatOf(b >>> 32), floatOf(b), (int) c, d, f);
                case COPY: return e.copy(a, b, c);
                case FREE: return e.free(a);
                case CLEAR: return e.clear(a);
                case INSERT: return e.insert(a, b, c, d);
                case REMOVE: return e.remove(a, b);
                case SET_VALUE: return e.setValue(a, b, c);
                case EXPORT: return e.export(a, b, c, d);
                case IMPORT: return e.importTable(a);
                case LAYOUT: return e.layout(a);
                case ROOTS: return e.roots(a);
                case WEAK_MARK: return e.weakMark(a, b, c);
                case WEAK_REMOVE: return e.weakRemove(a, b);
                case SWEEP: return e.sweep(a, b);
                case STATS: return e.stats(a);
                case TEST_HOOK: return e.testHook((int) a, b);
                default: throw new IllegalArgumentException("no operation " + op);
            }
        } catch (Throwable x) {
            return Status.report(x);
        }
    }

    /** A float C passed as its bits in the low word (hts.c's float_bits). */
    private static float floatOf(long word) {
        return Float.intBitsToFloat((int) word);
    }
}
