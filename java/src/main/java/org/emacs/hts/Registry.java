package org.emacs.hts;

import java.util.Arrays;

/**
 * The managed-object registry: it owns every table C holds a handle to, and
 * takes part in Emacs's mark-and-sweep collection.
 *
 * <p>One GC, as C drives it:
 * <ol>
 * <li>root phase: C marks {@link #rootWords} with everything else it roots;</li>
 * <li>mark_object on a table: C marks a strong table's keys and values
 *     itself, straight from its layout, and remembers the table's handle
 *     for the sweep, which hands the registry all of them in one batch
 *     ({@link #mark}); a weak table is marked too, but its entries wait
 *     for the weak phases, which the shim runs in C over the tables'
 *     layouts (native/weak.c), handing the dead slots to
 *     {@link LiveTable#removeSlots};</li>
 * <li>gc_sweep, before sweep_vectors frees the dead objects, calls
 *     {@link #sweep}, which drops (and frees) every table not marked since
 *     the last sweep, unless it is rooted or pure.</li>
 * </ol>
 *
 * <p>A handle is {@code generation << 32 | (index + 1)}, with a 31-bit
 * generation: always positive, so a stale
 * handle is detected instead of naming a newer table.  Like Emacs's heap, the
 * registry is used under the host's global lock: one thread at a time.
 * {@link #global()} is the process's single registry; tests make their own.
 */
public final class Registry {
    private static final DebugLog LOG = DebugLog.of(Registry.class);
    private static final Registry GLOBAL = new Registry();

    private LiveTable[] tables = new LiveTable[64];
    private long[] owners = new long[64];
    private int[] generations = new int[64];
    private boolean[] marked = new boolean[64];
    private boolean[] pure = new boolean[64];
    private int[] freeIndices = new int[64];
    private int freeCount;
    private int highWater;
    private int live;

    private long sweeps;
    private long droppedLastSweep;
    private long droppedTotal;

    private final RootSet roots = new RootSet();
    /** The sweep's scratch list of rooted tables' handles. */
    private final Words pinned = new Words(16);

    public static Registry global() {
        return GLOBAL;
    }

    // ---- handles -------------------------------------------------------

    /** Takes ownership of a live table whose Lisp object is {@code ownerWord}; returns its handle. */
    public long manage(LiveTable table, long ownerWord) {
        return add(table, ownerWord, false);
    }

    /** A pure table: never swept, as pure objects are never collected. */
    public long managePure(LiveTable table, long ownerWord) {
        if (!table.isPure()) throw new IllegalArgumentException("only a pure table is managed as one");
        return add(table, ownerWord, true);
    }

    private long add(LiveTable table, long ownerWord, boolean isPure) {
        int i;
        if (freeCount > 0) {
            i = freeIndices[--freeCount];
        } else {
            if (highWater == tables.length) growArrays();
            i = highWater++;
        }
        tables[i] = table;
        owners[i] = ownerWord;
        marked[i] = false;
        pure[i] = isPure;
        live++;
        return ((long) generations[i] << 32) | (i + 1);
    }

    private void growArrays() {
        int n = tables.length * 2;
        tables = Arrays.copyOf(tables, n);
        owners = Arrays.copyOf(owners, n);
        generations = Arrays.copyOf(generations, n);
        marked = Arrays.copyOf(marked, n);
        pure = Arrays.copyOf(pure, n);
        freeIndices = Arrays.copyOf(freeIndices, n);
    }

    private int indexOf(long handle) {
        int i = (int) handle - 1;
        if (i < 0 || i >= highWater || tables[i] == null || generations[i] != (int) (handle >>> 32))
            throw new StaleHandleException(handle);
        return i;
    }

    public boolean isLive(long handle) {
        int i = (int) handle - 1;
        return i >= 0 && i < highWater && tables[i] != null && generations[i] == (int) (handle >>> 32);
    }

    /** The table behind a handle (a pure one refuses to change). */
    public LiveTable table(long handle) {
        return tables[indexOf(handle)];
    }

    /** The Lisp word of the table's C object. */
    public long owner(long handle) {
        return owners[indexOf(handle)];
    }

    /** Drops one table now (C freed its object outside a sweep). */
    public void free(long handle) {
        drop(indexOf(handle));
        droppedTotal++;
    }

    private void drop(int i) {
        tables[i].close();
        tables[i] = null;
        owners[i] = 0;
        marked[i] = false;
        pure[i] = false;
        generations[i] = (generations[i] + 1) & Integer.MAX_VALUE;   // handles stay positive
        freeIndices[freeCount++] = i;
        live--;
    }

    // ---- marking -------------------------------------------------------

    /**
     * mark_object on a table: the first call in a GC marks it.  Returns true
     * if the caller is now to mark its keys and values (a strong table, first
     * marked); a weak one waits for the weak phases.
     */
    public boolean mark(long handle) {
        LiveTable t = markFirst(handle);
        return t != null && !t.weakness().isWeak();
    }

    /** Marks the table; returns it if this is its first mark in this GC, else null. */
    public LiveTable markFirst(long handle) {
        int i = indexOf(handle);
        if (marked[i]) return null;
        marked[i] = true;
        return tables[i];
    }

    /**
     * {@link #mark} for the batch the sweep hands over, without asking what
     * to mark: one loop, which a GC runs before the JIT has compiled it.
     */
    public void markAll(long[] handles, int n) {
        for (int j = 0; j < n; j++) marked[indexOf(handles[j])] = true;
    }

    public boolean isMarked(long handle) {
        return marked[indexOf(handle)];
    }

    /**
     * gc_sweep's call: drops every table not marked since the last sweep, unless
     * rooted or pure, then clears all marks.  Returns how many it dropped.
     */
    public int sweep() {
        keepRooted();
        int dropped = 0;
        for (int i = 0; i < highWater; i++) {
            if (tables[i] == null) continue;
            if (!marked[i] && !pure[i]) {
                drop(i);
                dropped++;
            }
            marked[i] = false;
        }
        sweeps++;
        droppedLastSweep = dropped;
        droppedTotal += dropped;
        if (LOG.enabled()) LOG.debug("after sweep: {}", stats());
        return dropped;
    }

    private void keepRooted() {
        pinned.clear();
        roots.tableHandles(pinned);
        for (int j = 0; j < pinned.size(); j++) {
            long h = pinned.get(j);
            if (isLive(h)) marked[(int) h - 1] = true;
        }
    }

    // ---- roots ---------------------------------------------------------

    /** Roots a table for the current thread: its Lisp object is marked and it is never swept. */
    public Rooted<LiveTable> rootTable(long handle) {
        int i = indexOf(handle);
        return new Rooted<>(roots.current(), tables[i], owners[i], handle);
    }

    /** Roots a Lisp word for the current thread. */
    public Rooted<Long> rootWord(long word) {
        return new Rooted<>(roots.current(), word, word, 0);
    }

    /** Appends the Lisp words of every open root, on every thread, for C's root phase. */
    public int rootWords(Words out) {
        return roots.words(out);
    }

    // ---- counters ------------------------------------------------------

    /** The store's figures now; a walk over every table, for people, not for hot paths. */
    public StoreStats stats() {
        long entries = 0, weakTables = 0, pureTables = 0, bytes = 0;
        for (int i = 0; i < highWater; i++) {
            LiveTable t = tables[i];
            if (t == null) continue;
            entries += t.count();
            if (t.weakness().isWeak()) weakTables++;
            if (pure[i]) pureTables++;
            bytes += t.nativeBytes();
        }
        Runtime rt = Runtime.getRuntime();
        long committed = rt.totalMemory();
        return new StoreStats(live, entries, weakTables, pureTables, bytes, sweeps,
                              droppedLastSweep, droppedTotal, committed - rt.freeMemory(), committed);
    }
}
