package org.emacs.hts;

import java.util.ArrayList;
import java.util.Iterator;

/**
 * Every thread's open {@link Rooted}s: what C's root phase marks, and the
 * tables a sweep must keep.  Each thread pushes and pops its own
 * {@link RootStack} without a lock; the set of stacks is locked only to
 * add a thread's stack and to read them all during a GC.
 */
final class RootSet {
    // An anonymous class, not a method reference: those cost start-up a class spun at run time.
    private final ThreadLocal<RootStack> current = new ThreadLocal<RootStack>() {
        @Override protected RootStack initialValue() {
            return newStack();
        }
    };
    private final ArrayList<RootStack> stacks = new ArrayList<>();

    /** The calling thread's stack, where its new roots go. */
    RootStack current() {
        return current.get();
    }

    /** Appends the Lisp word of every open root, on every thread; forgets dead threads' empty stacks. */
    int words(Words out) {
        int start = out.size();
        synchronized (stacks) {
            for (Iterator<RootStack> it = stacks.iterator(); it.hasNext();)
                if (it.next().isAbandoned()) it.remove();
            for (RootStack s : stacks)
                for (int j = 0; j < s.size(); j++) out.add(s.get(j).word());
        }
        return out.size() - start;
    }

    /** Appends the handle of every open root that pins a table. */
    void tableHandles(Words out) {
        synchronized (stacks) {
            for (RootStack s : stacks)
                for (int j = 0; j < s.size(); j++) {
                    long h = s.get(j).handle();
                    if (h != 0) out.add(h);
                }
        }
    }

    private RootStack newStack() {
        RootStack s = new RootStack(Thread.currentThread());
        synchronized (stacks) {
            stacks.add(s);
        }
        return s;
    }
}
