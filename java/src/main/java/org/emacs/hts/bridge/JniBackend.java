package org.emacs.hts.bridge;

import org.emacs.hts.DebugLog;
import org.emacs.hts.HostPolicy;
import org.emacs.hts.Registry;

/**
 * The JNI backend: C calls {@link Dispatch} through JNI (CallLongMethod),
 * dearer per call than an FFM upcall (make bench-crossing measures both),
 * but with nothing to make at start-up.  HTS_BACKEND=jni uses it alone.
 *
 * <p>The FFM backend starts on it (see {@link Bridge}).  Making the upcall
 * stub, with the compiling it sets off, costs 60-76 ms of CPU on other
 * threads, far more than a short process saves by crossing through FFM.  So
 * it starts only once the host has made {@link #MAKE_STUB} calls, which
 * few short processes do: a batch `emacs -Q` makes 850, and of 60 test
 * files of Emacs's suite, each run alone, the median made 1,700 calls and
 * one more than 10,000.  The thread makes the stub while the host goes on
 * through JNI and hands C the stub when it is ready; a host that reaches
 * {@link #BUSY} calls before then waits for it, rather than run its hot
 * loops on JNI beside the thread making it.
 */
final class JniBackend implements Backend {
    private static final DebugLog LOG = DebugLog.of(JniBackend.class);

    /** Calls through JNI after which the successor is made. */
    static final int MAKE_STUB = 10_000;
    /** Calls through JNI after which the host waits for the successor. */
    static final int BUSY = 30_000;

    private final Dispatch dispatch;
    private final Entry entry = new Entry();
    /** The class of the backend to hand over to (its static create(HostPolicy, TestHooks) makes it), or null. */
    private final String successor;
    private final HostPolicy host;
    private final TestHooks hooks;
    /** Made by the maker thread; C holds a pointer into it, so it is kept. */
    private volatile Backend made;
    private Thread maker;

    JniBackend(HostPolicy host, TestHooks hooks, String successor) {
        this.dispatch = new Dispatch(new Operations(Registry.global(), host, new JniMemory(), hooks));
        this.successor = successor;
        this.host = host;
        this.hooks = hooks;
    }

    /** C publishes the JNI entry itself: returns 0. */
    @Override
    public long install() {
        return 0;
    }

    /** What C calls through JNI: {@link Entry#call}. */
    @Override
    public Object jniEntry() {
        return entry;
    }

    /** Waits until the successor is with C, or has failed. */
    void awaitHandOver() throws InterruptedException {
        Thread t = startHandOver();
        if (t != null) t.join();
    }

    private synchronized Thread startHandOver() {
        if (successor != null && maker == null) {
            // Not a lambda: each spins a class at its first use.
            maker = new Thread(new HandOver(), "hts-ffm-stub");
            maker.setDaemon(true);
            maker.start();
        }
        return maker;
    }

    private final class HandOver implements Runnable {
        @Override
        public void run() {
            handOver();
        }
    }

    private void handOver() {
        try {
            Backend next = (Backend) Class.forName(successor)
                .getDeclaredMethod("create", HostPolicy.class, TestHooks.class).invoke(null, host, hooks);
            long address = next.install();
            made = next;
            JniShim.publishEntry(address, next.name());
            LOG.debug("handed C the {} entry point", next.name());
        } catch (Throwable e) {
            // C stays on JNI, slower but correct; hts_backend () says "jni".
            // (So does a JDK 22 or later running a jar built without FFM.)
            LOG.debug("no FFM entry point, calls stay on JNI: {}", e);
        }
    }

    @Override
    public String name() {
        return "jni";
    }

    /** Dispatch, counting calls until the host proves busy. */
    private final class Entry {
        /** Calls so far, roughly (threads race), until BUSY. */
        private int calls;

        long call(int op, long a, long b, long c, long d, long e) {
            if (calls < BUSY && successor != null) {
                ++calls;
                if (calls == MAKE_STUB) startHandOver();
                else if (calls == BUSY) {
                    try {
                        awaitHandOver();
                    } catch (InterruptedException x) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return dispatch.call(op, a, b, c, d, e);
        }
    }
}
