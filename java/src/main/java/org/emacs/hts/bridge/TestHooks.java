package org.emacs.hts.bridge;

import java.util.ArrayDeque;
import org.emacs.hts.LiveTable;
import org.emacs.hts.Registry;
import org.emacs.hts.Rooted;

/**
 * hts_test_hook: switches for native tests (fault injection, Java roots,
 * signal stress).  Refused unless HTS_TEST_HOOKS=1 was in the environment
 * when the bridge was installed, so a production Emacs cannot trip them.
 *
 * <p>Also, for tests of a whole Emacs, which cannot call hts_test_hook:
 * with HTS_TEST_HOOKS=1, HTS_TEST_FAIL_EVERY=n makes every n-th table
 * operation (not GC's, dump or test hook) throw before it does anything,
 * once HTS_TEST_FAIL_AFTER operations (default 0) have passed, so that
 * start-up can finish first; HTS_TEST_MEMORY_LIMIT=bytes caps the
 * tables' native memory, so that running out of it can be tested.
 */
final class TestHooks {
    private static final int NPE_LOOP = 1, FAIL_NEXT = 2, ROOT = 3, UNROOT = 4, JAVA_GC = 5, DOWNCALLS = 6,
        NOTHING = 7, BLANK_UPCALL = 8;

    private final boolean enabled;
    /** -1: no fault armed; 0: throw a RuntimeException; 1: an OutOfMemoryError. */
    private int failNext = -1;
    private final ArrayDeque<Rooted<LiveTable>> roots = new ArrayDeque<>();
    /** Every failEvery-th table operation after the first failAfter throws; 0: never. */
    private final long failEvery, failAfter;
    /** Bytes of table memory that may be live at once; 0: no limit. */
    private final long memoryLimit;
    private long tableOps;

    TestHooks(boolean enabled, long failEvery, long failAfter, long memoryLimit) {
        this.enabled = enabled;
        this.failEvery = enabled ? failEvery : 0;
        this.failAfter = failAfter;
        this.memoryLimit = enabled ? memoryLimit : 0;
    }

    static TestHooks fromEnvironment() {
        return new TestHooks("1".equals(JniShim.getenv("HTS_TEST_HOOKS")),
                             number("HTS_TEST_FAIL_EVERY"), number("HTS_TEST_FAIL_AFTER"),
                             number("HTS_TEST_MEMORY_LIMIT"));
    }

    /** Whether HTS_TEST_HOOKS=1 was set: without it no fault can be armed. */
    boolean enabled() {
        return enabled;
    }

    /** HTS_TEST_MEMORY_LIMIT: the bytes of table memory that may be live at once (0: no limit). */
    long memoryLimit() {
        return memoryLimit;
    }

    private static long number(String variable) {
        String v = JniShim.getenv(variable);
        try {
            return v == null ? 0 : Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Before a table operation: the periodic fault, then the armed one. */
    void maybeFail(boolean tableOp) {
        if (failEvery > 0 && tableOp && ++tableOps > failAfter && (tableOps - failAfter) % failEvery == 0)
            throw new RuntimeException("injected by HTS_TEST_FAIL_EVERY");
        if (failNext < 0) return;
        int kind = failNext;
        failNext = -1;
        if (kind == 1) throw new OutOfMemoryError("injected by hts_test_hook");
        throw new RuntimeException("injected by hts_test_hook");
    }

    long run(int op, long arg, Registry registry) {
        if (!enabled) throw new IllegalArgumentException("test hooks are off (set HTS_TEST_HOOKS=1)");
        switch (op) {
            case NPE_LOOP: return npeLoop(arg);
            case FAIL_NEXT:
                failNext = (int) arg;
                return Status.OK;
            case ROOT:
                roots.push(registry.rootTable(arg));
                return Status.OK;
            case UNROOT:
                roots.pop().close();
                return Status.OK;
            case JAVA_GC:
                System.gc();
                return Status.OK;
            case DOWNCALLS: return downcalls(arg);
            case NOTHING: return Status.OK;
            case BLANK_UPCALL: return Blank.upcallStub();
            default: throw new IllegalArgumentException("unknown test hook " + op);
        }
    }

    /** Null dereferences the JIT turns into SIGSEGV-based implicit null checks. */
    private static long npeLoop(long n) {
        Object[] box = {null, "x"};
        long caught = 0;
        for (long i = 0; i < n; i++) {
            try {
                caught += box[(int) (i & 1) & 0].hashCode();
            } catch (NullPointerException e) {
                caught++;
            }
        }
        return caught;
    }

    private static long downcalls(long n) {
        for (int i = 0; i < 10_000; i++) JniShim.noop();
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) JniShim.noop();
        return System.nanoTime() - t0;
    }
}
