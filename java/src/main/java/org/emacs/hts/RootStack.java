package org.emacs.hts;

import java.util.Arrays;

/** One thread's open roots, innermost last; closing must follow LIFO order. */
final class RootStack {
    private final Thread owner;
    private Rooted<?>[] roots = new Rooted<?>[16];
    private int size;

    RootStack(Thread owner) {
        this.owner = owner;
    }

    void push(Rooted<?> r) {
        if (size == roots.length) roots = Arrays.copyOf(roots, size * 2);
        roots[size++] = r;
    }

    void pop(Rooted<?> r) {
        if (Thread.currentThread() != owner)
            throw new IllegalStateException("Rooted closed on " + Thread.currentThread().getName()
                                            + ", opened on " + owner.getName());
        if (size == 0 || roots[size - 1] != r)
            throw new IllegalStateException("Rooted closed out of order: it is not the innermost open root");
        roots[--size] = null;
    }

    int size() {
        return size;
    }

    Rooted<?> get(int i) {
        return roots[i];
    }

    /** A stack that can never hold roots again. */
    boolean isAbandoned() {
        return size == 0 && !owner.isAlive();
    }
}
