package org.emacs.hts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fake Lisp heap that plays C's part in a GC, as alloc.c will: fixnums
 * (low bit set) never die; objects hold references to other words; a table
 * object holds a registry handle.  {@link #collect()} runs one whole
 * mark-and-sweep through the registry and then checks that no surviving
 * table refers to a freed object.  It has no weak phases: those are the
 * shim's, in C (native/weak.c, tested on the C mock heap), so a weak table
 * that survives here must hold only words that survive.
 */
final class MockHeap {
    private static final class Obj {
        long[] refs = new long[0];
        long handle;
    }

    final Registry registry;
    private final Map<Long, Obj> objects = new HashMap<>();
    private final Set<Long> marks = new HashSet<>();
    private final Set<Long> roots = new LinkedHashSet<>();
    private final ArrayDeque<Long> stack = new ArrayDeque<>();
    private long nextId = 1;

    MockHeap(Registry registry) {
        this.registry = registry;
    }

    static long fixnum(long n) {
        return (n << 3) | 1;
    }

    static boolean immortal(long word) {
        return (word & 1) != 0;
    }

    /** A new object referring to {@code refs}. */
    long object(long... refs) {
        long w = nextId++ << 3;
        Obj o = new Obj();
        o.refs = refs.clone();
        objects.put(w, o);
        return w;
    }

    /** A new table object owning {@code table}. */
    long table(LiveTable table) {
        long w = object();
        objects.get(w).handle = registry.manage(table, w);
        return w;
    }

    void setRefs(long word, long... refs) {
        obj(word).refs = refs.clone();
    }

    long handle(long tableWord) {
        return obj(tableWord).handle;
    }

    LiveTable tableOf(long tableWord) {
        return registry.table(handle(tableWord));
    }

    void root(long word) {
        roots.add(word);
    }

    void unroot(long word) {
        roots.remove(word);
    }

    boolean alive(long word) {
        return immortal(word) || objects.containsKey(word);
    }

    int objectCount() {
        return objects.size();
    }

    private Obj obj(long word) {
        Obj o = objects.get(word);
        if (o == null) throw new AssertionError("dangling word " + word + ": its object was freed");
        return o;
    }

    /** One garbage collection, in alloc.c's order. */
    void collect() {
        marks.clear();
        stack.addAll(roots);
        Words rootWords = new Words();
        registry.rootWords(rootWords);
        for (int i = 0; i < rootWords.size(); i++) stack.add(rootWords.get(i));
        drain();
        registry.sweep();
        List<Long> dead = new ArrayList<>();
        for (Map.Entry<Long, Obj> e : objects.entrySet()) {
            if (!marks.contains(e.getKey())) {
                dead.add(e.getKey());
                if (e.getValue().handle != 0 && registry.isLive(e.getValue().handle))
                    throw new AssertionError("an unmarked table object's handle survived the sweep");
            } else if (e.getValue().handle != 0 && !registry.isLive(e.getValue().handle)) {
                throw new AssertionError("a marked table object's handle was dropped");
            }
        }
        for (Long w : dead) objects.remove(w);
        checkNoDangling();
    }

    /** Every word held by a surviving object or table names a surviving object. */
    private void checkNoDangling() {
        for (Obj o : objects.values()) {
            for (long r : o.refs) obj(r);
            if (o.handle != 0) {
                TableView t = registry.table(o.handle);
                for (int s = t.nextLive(0); s >= 0; s = t.nextLive(s + 1)) {
                    if (!alive(t.key(s))) throw new AssertionError("table holds a freed key");
                    if (!alive(t.value(s))) throw new AssertionError("table holds a freed value");
                }
            }
        }
    }

    private void drain() {
        while (!stack.isEmpty()) {
            long w = stack.pop();
            if (immortal(w) || !marks.add(w)) continue;
            Obj o = obj(w);
            for (long r : o.refs) stack.push(r);
            // A strong table's entries are marked straight from the table.
            if (o.handle != 0 && registry.mark(o.handle)) {
                LiveTable t = registry.table(o.handle);
                for (int s = t.nextLive(0); s >= 0; s = t.nextLive(s + 1)) {
                    stack.push(t.key(s));
                    stack.push(t.value(s));
                }
            }
        }
    }
}
