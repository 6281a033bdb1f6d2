package org.emacs.hts;

/**
 * The five :weakness settings, numbered as hts.h's enum hts_weakness.  Their
 * removal rules are fns.c sweep_weak_table's, applied by the shim (native/weak.c).
 */
public enum Weakness {
    NONE, KEY, VALUE, KEY_OR_VALUE, KEY_AND_VALUE;

    /** values() copies its array at every call: once per new table, that fed the JVM's collector. */
    private static final Weakness[] ALL = values();

    /** The weakness hts.h numbers W, or IllegalArgumentException. */
    public static Weakness of(int w) {
        if (w < 0 || w >= ALL.length) throw new IllegalArgumentException("weakness " + w);
        return ALL[w];
    }

    public boolean isWeak() {
        return this != NONE;
    }
}
