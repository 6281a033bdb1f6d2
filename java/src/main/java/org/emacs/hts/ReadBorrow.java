package org.emacs.hts;

/**
 * A read-only loan of a live table (the second seed's dual-mode map).  It
 * offers no mutation, and while it is open the table itself refuses to be
 * mutated.  Using it after closing fails; closing it again does nothing.
 */
public final class ReadBorrow implements TableView, AutoCloseable {
    private LiveTable table;

    ReadBorrow(LiveTable table) {
        this.table = table;
    }

    private LiveTable t() {
        LiveTable t = table;
        if (t == null) throw new IllegalStateException("read borrow used after close");
        return t;
    }

    @Override public int count() { return t().count(); }
    @Override public int capacity() { return t().capacity(); }
    @Override public Weakness weakness() { return t().weakness(); }
    @Override public boolean isLive(int slot) { return t().isLive(slot); }
    @Override public long key(int slot) { return t().key(slot); }
    @Override public long value(int slot) { return t().value(slot); }
    @Override public long hash(int slot) { return t().hash(slot); }
    @Override public int nextLive(int from) { return t().nextLive(from); }
    @Override public int findEq(long word, long hash) { return t().findEq(word, hash); }
    @Override public int probe(long word, long hash, int after) { return t().probe(word, hash, after); }

    @Override
    public void close() {
        if (table == null) return;
        table.endBorrow();
        table = null;
    }
}
