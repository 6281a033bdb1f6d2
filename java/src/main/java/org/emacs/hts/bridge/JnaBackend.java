package org.emacs.hts.bridge;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import org.emacs.hts.Registry;

/**
 * The JNA backend: one JNA callback per entry point, each a C function
 * pointer.  Every callback catches everything and returns a status code, so
 * no exception reaches C.  A thread that calls in unattached is attached
 * once, as a daemon, and stays attached.
 */
final class JnaBackend implements Backend {
    private final Callback[] callbacks = new Callback[Entry.values().length];

    JnaBackend(Entries e) {
        set(Entry.NEW, (Entry.JFFIJ) (a, b, c, d, f) -> {
            try { e.before(); return e.newTable(a, b, c, d, f); } catch (Throwable x) { return e.report(x); }
        });
        set(Entry.COPY, jj(e, (a, b) -> e.copy(a, b)));
        set(Entry.FREE, j(e, e::free));
        set(Entry.CLEAR, j(e, e::clear));
        set(Entry.COUNT, j(e, e::count));
        set(Entry.CAPACITY, j(e, e::capacity));
        set(Entry.FIND_EQ, jjjj(e, e::findEq));
        set(Entry.PROBE, (Entry.JJJJJJ) (a, b, c, d, f, g) -> {
            try { e.before(); return e.probe(a, b, c, d, f, g); } catch (Throwable x) { return e.report(x); }
        });
        set(Entry.PUT_EQ, (Entry.JJJJJ) (a, b, c, d, f) -> {
            try { e.before(); return e.putEq(a, b, c, d, f); } catch (Throwable x) { return e.report(x); }
        });
        set(Entry.INSERT, jjjj(e, e::insert));
        set(Entry.REMOVE, jj(e, e::remove));
        set(Entry.REMOVE_EQ, jjj(e, e::removeEq));
        set(Entry.SET_VALUE, jjj(e, e::setValue));
        set(Entry.GET, jjjj(e, e::get));
        set(Entry.NEXT, jjjj(e, e::next));
        set(Entry.NEXT_N, jjjj(e, e::nextN));
        set(Entry.EXPORT, jjjj(e, e::export));
        set(Entry.IMPORT, (Entry.JFFIJJJIJ) (a, b, c, d, f, g, h, i, k) -> {
            try { e.before(); return e.importTable(a, b, c, d, f, g, h, i, k); }
            catch (Throwable x) { return e.report(x); }
        });
        set(Entry.MARK, jj(e, e::mark));
        set(Entry.ROOTS, j(e, e::roots));
        set(Entry.WEAK_MARK, v(e, e::weakMark));
        set(Entry.WEAK_REMOVE, v(e, e::weakRemove));
        set(Entry.SWEEP, v(e, e::sweep));
        set(Entry.STATS, j(e, e::stats));
        set(Entry.TEST_HOOK, (Entry.IJ) (a, b) -> {
            try { return e.testHook(a, b); } catch (Throwable x) { return e.report(x); }
        });
    }

    private void set(Entry entry, Callback cb) {
        Native.setCallbackThreadInitializer(cb, new CallbackThreadInitializer(true, false, "hts-caller"));
        callbacks[entry.ordinal()] = cb;
    }

    /** Makes the backend: binds the shim's downcalls, then the callbacks. */
    static JnaBackend create(String shimPath, TestHooks hooks) {
        return new JnaBackend(new Entries(Registry.global(), new JnaShimAccess(shimPath), hooks));
    }

    /** Hands C the callbacks itself, through direct-mapped calls; returns null. */
    @Override
    public long[] install() {
        for (int i = 0; i < callbacks.length; i++) Shim.hts__set_entry(i, callbacks[i]);
        Shim.hts__install(callbacks.length, name());
        return null;
    }

    @Override
    public String name() {
        return "jna";
    }

    // Guards for the shapes shared by several entries.

    private static Entry.V v(Entries e, Entry.V f) {
        return () -> {
            try { e.before(); return f.invoke(); } catch (Throwable x) { return e.report(x); }
        };
    }

    private static Entry.J j(Entries e, Entry.J f) {
        return a -> {
            try { e.before(); return f.invoke(a); } catch (Throwable x) { return e.report(x); }
        };
    }

    private static Entry.JJ jj(Entries e, Entry.JJ f) {
        return (a, b) -> {
            try { e.before(); return f.invoke(a, b); } catch (Throwable x) { return e.report(x); }
        };
    }

    private static Entry.JJJ jjj(Entries e, Entry.JJJ f) {
        return (a, b, c) -> {
            try { e.before(); return f.invoke(a, b, c); } catch (Throwable x) { return e.report(x); }
        };
    }

    private static Entry.JJJJ jjjj(Entries e, Entry.JJJJ f) {
        return (a, b, c, d) -> {
            try { e.before(); return f.invoke(a, b, c, d); } catch (Throwable x) { return e.report(x); }
        };
    }
}
