package org.emacs.hts;

/**
 * A GC root held by Java code (after SpiderMonkey's {@code Rooted<T>}).  While
 * it is open, its Lisp word is in the registry's root set, which C marks in
 * its root phase, and a rooted table is never swept.  Roots form a per-thread
 * stack: open them in try-with-resources and they close in the right order.
 *
 * <pre>{@code
 * try (Rooted<LiveTable> t = registry.rootTable(handle)) {
 *     ... anything that may GC ...
 *     t.get().insert(k, v, h);
 * }
 * }</pre>
 *
 * Closing out of order or from another thread, and get() after close,
 * throw IllegalStateException; a second close does nothing, as
 * {@link AutoCloseable} asks.
 */
public final class Rooted<T> implements AutoCloseable {
    private final RootStack stack;
    private final long word;
    private final long handle;
    private T value;
    private boolean closed;

    Rooted(RootStack stack, T value, long word, long handle) {
        this.stack = stack;
        this.value = value;
        this.word = word;
        this.handle = handle;
        stack.push(this);
    }

    public T get() {
        if (closed) throw new IllegalStateException("Rooted used after close");
        return value;
    }

    /** The Lisp word that C marks for this root. */
    public long word() {
        if (closed) throw new IllegalStateException("Rooted used after close");
        return word;
    }

    /** The registry handle this root pins, or 0 for a plain word. */
    long handle() {
        return handle;
    }

    @Override
    public void close() {
        if (closed) return;
        stack.pop(this);
        closed = true;
        value = null;
    }
}
